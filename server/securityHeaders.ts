import type { Middleware } from 'koa';

/**
 * Headers for a JSON/XML API that no browser should render, frame or leak referrers from.
 * Set before the rest runs so error responses carry them too. The designer's static assets
 * will need their own, looser CSP when they are served (a later issue).
 */
const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  // Applications carry personal data: no shared cache may keep a copy.
  'Cache-Control': 'no-store',
} as const;

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set(HEADERS);
    await next();
  };
}
