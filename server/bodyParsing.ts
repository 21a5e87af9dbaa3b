import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';
import { MAX_ATTACHMENT_BYTES, MAX_XML_BYTES } from '../engine/index.js';
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

/**
 * Reads a raw body (an uploaded scan) into `ctx.request.body` as bytes, up to the one
 * attachment limit (engine MAX_ATTACHMENT_BYTES): 413 naming it, as soon as the stream passes
 * it (a Content-Length over it is refused before reading). Not decompressed: a compressed
 * upload is 415.
 */
export function rawFileBody(limit: number = MAX_ATTACHMENT_BYTES): Middleware {
  const tooLarge = () => new HttpProblem(413, 'payload_too_large', `the file is over the limit of ${limit} bytes (${limit / 1024 / 1024} MB)`, { limit }, { Connection: 'close' });
  return async (ctx, next) => {
    const encoding = (ctx.get('Content-Encoding') || 'identity').toLowerCase();
    if (encoding !== 'identity') throw new HttpProblem(415, 'unsupported_media_type', `send the file as it is, not with Content-Encoding: ${encoding}`);
    const declared = Number(ctx.get('Content-Length') || NaN);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        // The rest is not read: the answer goes out and the connection closes after it.
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    (ctx.request as { body?: unknown }).body = new Uint8Array(Buffer.concat(chunks));
    await next();
  };
}
