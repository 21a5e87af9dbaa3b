import { describe, expect, it } from 'vitest';
import { applicantKeysOf, applicantRows, foldName, nameTerms } from '../../../../engine/store/shared/applicantIndex.js';

describe('applicantIndex', () => {
  describe('foldName', () => {
    it('should lower-case Kazakh and Russian Cyrillic, compose to NFC, read ё as е and collapse spaces', () => {
      expect(foldName('  ӘЛІБЕКОВА   Гүлнұр ')).toBe('әлібекова гүлнұр');
      expect(foldName('ҒҚҢӨҰҮҺІ')).toBe('ғқңөұүһі');
      expect(foldName('СЕМЁНОВ')).toBe('семенов');
      expect(foldName('Семе\u0308нов')).toBe('семенов'); // a decomposed ё
    });
  });

  describe('nameTerms', () => {
    it('should give the name from the start of each of its words, after spaces and hyphens', () => {
      expect(nameTerms('Seitkali Aigerim-Nur')).toEqual(['seitkali aigerim-nur', 'aigerim-nur', 'nur']);
      expect(nameTerms('Aigerim')).toEqual(['aigerim']);
      expect(nameTerms('   ')).toEqual([]);
    });

    it('should index at most eight terms of a long name', () => {
      expect(nameTerms(Array.from({ length: 20 }, (_, n) => `w${n}`).join(' '))).toHaveLength(8);
    });
  });

  describe('applicantKeysOf', () => {
    it('should index a string IIN and a string name only', () => {
      expect(applicantKeysOf({ iin: '900101300123', name: 'Dana Omarova' })).toEqual({ iin: '900101300123', terms: ['dana omarova', 'omarova'] });
      expect(applicantKeysOf({ iin: 900101300123, name: 42 })).toEqual({});
      expect(applicantKeysOf(undefined)).toBeUndefined();
      expect(applicantRows({ applicant: { iin: '900101300123', name: 'Dana' } })).toEqual([['iin', '900101300123'], ['name', 'dana']]);
      expect(applicantRows({})).toEqual([]);
    });
  });
});
