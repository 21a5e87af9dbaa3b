import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { MAX_XML_BYTES } from '../engine/index.js';

/** JSON bodies are small commands; a model may be bigger, up to what the engine accepts. */
export const JSON_LIMIT_BYTES = 1024 * 1024;
export const XML_LIMIT_BYTES = MAX_XML_BYTES;

/**
 * Parses JSON (to a value) and XML (to its text) bodies, refusing one over its limit with 413
 * (errors.ts names the limit). Which media type a route takes is checked by the route itself.
 */
export function bodyParsing(): Middleware {
  return bodyParser({
    enableTypes: ['json', 'xml'],
    jsonLimit: JSON_LIMIT_BYTES,
    xmlLimit: XML_LIMIT_BYTES,
    jsonStrict: true,
  }) as Middleware;
}
