import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, storeKindOf } from '../../server/env.js';

describe('parseEnv', () => {
  it('should default to loopback, port 3000, ./data and the sqlite store', () => {
    expect(parseEnv({})).toEqual({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info', DEMO_DATA: 'auto', COOKIE_SECURE: 'auto', TRUST_PROXY: false, SESSION_HOURS: 12 });
  });

  it('should read every variable and treat empty ones as unset', () => {
    const env = parseEnv({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: '/var/lib/tereze', MONGODB_URI: 'mongodb://db:27017/tereze?replicaSet=rs0', LOG_LEVEL: 'warn' });
    expect(env).toEqual({ PORT: 0, HOST: '0.0.0.0', DATA_DIR: '/var/lib/tereze', MONGODB_URI: 'mongodb://db:27017/tereze?replicaSet=rs0', LOG_LEVEL: 'warn', DEMO_DATA: 'auto', COOKIE_SECURE: 'auto', TRUST_PROXY: false, SESSION_HOURS: 12 });
    expect(parseEnv({ PORT: '', MONGODB_URI: '' })).toMatchObject({ PORT: 3000, MONGODB_URI: undefined });
  });

  it("should take the sqlite store's writer from SQLITE_WRITER, main or thread, and refuse anything else by name", () => {
    expect(parseEnv({ SQLITE_WRITER: 'thread' })).toMatchObject({ SQLITE_WRITER: 'thread' });
    expect(parseEnv({ SQLITE_WRITER: '' }).SQLITE_WRITER).toBeUndefined();
    expect(() => parseEnv({ SQLITE_WRITER: 'worker' })).toThrow(/SQLITE_WRITER/);
  });

  it("should take the sqlite store's synchronous from SQLITE_SYNCHRONOUS, full or normal, and refuse anything else by name", () => {
    expect(parseEnv({ SQLITE_SYNCHRONOUS: 'normal' })).toMatchObject({ SQLITE_SYNCHRONOUS: 'normal' });
    expect(parseEnv({ SQLITE_SYNCHRONOUS: '' }).SQLITE_SYNCHRONOUS).toBeUndefined();
    expect(() => parseEnv({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS: .*'full' \| 'normal'|SQLITE_SYNCHRONOUS: .*full.*normal/);
  });

  it('should name each bad variable with what was expected and what it got', () => {
    let thrown: unknown;
    try {
      parseEnv({ PORT: 'abc', LOG_LEVEL: 'loud', MONGODB_URI: 'localhost:27017' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const message = (thrown as EnvError).message;
    expect(message).toContain("PORT: expected a number between 0 and 65535, got 'abc'");
    expect(message).toContain("LOG_LEVEL: expected one of debug, info, warn, error, silent, got 'loud'");
    expect(message).toContain("MONGODB_URI: expected a URI starting with 'mongodb://'");
  });

  it('should choose the PostgreSQL store by DATABASE_URL, in either spelling of the scheme', () => {
    for (const url of ['postgres://tereze:secret@db:5432/tereze', 'postgresql://db/tereze?sslmode=require']) {
      const env = parseEnv({ DATABASE_URL: url });
      expect(env.DATABASE_URL).toBe(url);
      expect(storeKindOf(env)).toBe('postgres');
    }
    expect(storeKindOf(parseEnv({ MONGODB_URI: 'mongodb://db/tereze' }))).toBe('mongo');
    expect(storeKindOf(parseEnv({ DATABASE_URL: '' }))).toBe('sqlite');
  });

  it('should refuse a DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/tereze' })).toThrow("DATABASE_URL: expected a URL starting with 'postgres://' or 'postgresql://'");
    expect(() => parseEnv({ DATABASE_URL: 'db:5432' })).toThrow('DATABASE_URL');
  });

  it('should refuse DATABASE_URL and MONGODB_URI together: which store is meant cannot be guessed', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/tereze', MONGODB_URI: 'mongodb://db/tereze' })).toThrow(
      'DATABASE_URL: set DATABASE_URL (PostgreSQL) or MONGODB_URI (MongoDB), not both',
    );
  });

  it('should refuse a port out of range', () => {
    expect(() => parseEnv({ PORT: '70000' })).toThrow("PORT: expected a number between 0 and 65535, got '70000'");
    expect(() => parseEnv({ PORT: '-1' })).toThrow('PORT');
  });
});
