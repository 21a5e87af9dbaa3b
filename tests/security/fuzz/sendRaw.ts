import { Agent, request } from 'node:http';

/** One request exactly as it goes on the wire: no URL normalisation, no header clean-up. */
export interface RawRequest {
  readonly method: string;
  /** Sent as written (percent-encoding, `..`, `//` and all). */
  readonly path: string;
  /** An array value sends the header once per entry. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  /** Empty for an event stream, which is closed as soon as its headers arrive. */
  readonly text: string;
}

/**
 * Sends a request with node:http, which (unlike fetch) leaves the path and the headers as
 * given, so a fuzzer's `..%2f`, `%zz` or Latin-1 header reach the server as they are.
 */
export async function sendRaw(baseUrl: string, agent: Agent, raw: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  try {
    return await sendOnce(baseUrl, agent, raw, timeoutMs);
  } catch (error) {
    // A kept-alive socket the server closed as we reused it (node's documented race): once more
    // on a fresh connection. A reset on a fresh connection is the server's and is reported.
    if (!(error instanceof ReusedSocketReset)) throw error;
    return sendOnce(baseUrl, false, raw, timeoutMs);
  }
}

class ReusedSocketReset extends Error {}

function sendOnce(baseUrl: string, agent: Agent | false, raw: RawRequest, timeoutMs: number): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  // Without a Content-Length node:http sends a GET's body bare, and the server reads it as the next request.
  const headers = raw.body ? { 'content-length': String(raw.body.length), ...raw.headers } : raw.headers;
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') ? new ReusedSocketReset(error.message) : new Error(`${error.message} (a fresh connection)`));
    const req = request({ hostname, port, agent, method: raw.method, path: raw.path, headers: headers as Record<string, string | string[]>, timeout: timeoutMs }, (res) => {
      const contentType = res.headers['content-type'] ?? '';
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(raw.body);
  });
}

/** The request as text a person can replay (the body in base64 when it is not plain text, cut when long). */
export function describeRequest(raw: RawRequest, note?: string): string {
  const lines = [`${raw.method} ${raw.path}`];
  for (const [name, value] of Object.entries(raw.headers)) for (const one of typeof value === 'string' ? [value] : value) lines.push(`${name}: ${JSON.stringify(one)}`);
  if (raw.body) {
    const text = raw.body.toString('utf8');
    const printable = Buffer.from(text, 'utf8').equals(raw.body) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
    const shown = printable ? text : `base64:${raw.body.toString('base64')}`;
    lines.push(`body (${raw.body.length} bytes): ${shown.length > 2000 ? shown.slice(0, 2000) + '…(cut; see how it was built)' : shown}`);
  }
  if (note) lines.push(`built as: ${note}`);
  return lines.join('\n');
}
