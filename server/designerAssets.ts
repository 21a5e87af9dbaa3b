import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';
import type { AppState } from './AppContext.js';
import { HttpProblem } from './HttpProblem.js';

/**
 * The page's policy: the app's own scripts and styles only; bpmn-js sets inline style
 * attributes and the icon font comes as a data URL. Frames and foreign connections stay shut.
 */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * Serves the built web app (designer/dist) for every GET that is not the API or metrics.
 * Without a build it answers nothing, and the API's own 404 follows.
 */
export function designerAssets(dir: string): Middleware<AppState> {
  if (!existsSync(join(dir, 'index.html'))) return async (_ctx, next) => next();
  const files = serve(dir, { index: 'index.html', maxage: 0, gzip: false, brotli: false });
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path === '/api' || ctx.path === '/metrics') return next();
    try {
      await files(ctx, async () => undefined);
    } catch (error) {
      // koa-send refuses a path outside the build (403) and one it cannot decode or that holds
      // a NUL byte (400) with bare http errors; neither is a file of ours, neither is a 500.
      const status = (error as { status?: unknown } | null)?.status;
      if (status === 400) throw new HttpProblem(400, 'bad_request', 'the path is not a valid file path (malformed escape or NUL byte)');
      if (status === 403 || status === 404) return next(); // outside the build: the same 404 as any unknown path
      throw error;
    }
    if (ctx.body === undefined || ctx.body === null) return next();
    ctx.set('Content-Security-Policy', PAGE_CSP);
    // Hashed asset names change with every build; the page itself must always be fresh.
    ctx.set('Cache-Control', ctx.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}
