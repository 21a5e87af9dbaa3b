import type { Socket } from 'node:net';
import type { ErrorBody } from './errors.js';

/**
 * A request node's HTTP parser refuses (a header over the size limit, a control character in a
 * header, an unknown method) never reaches Koa, and node's own answer is a bare status line.
 * This answers it in the contract's shape too, then closes the connection (the parser cannot
 * find where the next request would start). Install with `server.on('clientError', …)`.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // The client went away: nothing to say (node's documented guard).
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'Request Header Fields Too Large', 'headers_too_large', 'the request line and headers are over the size limit'] as const)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'Request Timeout', 'request_timeout', 'the request did not arrive in time'] as const)
        : ([400, 'Bad Request', 'bad_request', 'the request is not valid HTTP/1.1'] as const);
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
