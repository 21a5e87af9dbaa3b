import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';
import { MAX_XML_BYTES } from '../engine/index.js';
import { HttpProblem } from './HttpProblem.js';

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
    onError: (error, ctx) => {
      throw decodingProblem(error, ctx as Context) ?? error;
    },
  }) as Middleware;
}

/**
 * A compressed body that does not decompress (zlib and brotli throw plain errors with no
 * status, which would read as a 500) is the caller's fault: 400 naming the encoding. Errors
 * that carry a status (too large, bad JSON, unsupported encoding) are errors.ts's to word.
 */
function decodingProblem(error: unknown, ctx: Context): HttpProblem | undefined {
  if (typeof error !== 'object' || error === null || 'status' in error) return undefined;
  const encoding = (ctx.get('Content-Encoding') || 'identity').toLowerCase();
  if (encoding === 'identity') return undefined;
  return new HttpProblem(400, 'bad_request', `the request body does not decode as Content-Encoding: ${encoding}`, { contentEncoding: encoding });
}
