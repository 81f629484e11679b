import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';

/** The app is served from `netloom://app/…` instead of file:// so it gets a real origin and our headers. */
export const APP_SCHEME = 'netloom';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`. `standard` gives relative URLs and storage a proper origin, `secure` makes it
 * a secure context, `supportFetchAPI` lets the renderer fetch its own assets. `corsEnabled` is required for
 * Vite's `<script type="module" crossorigin>` to load from a custom scheme; it only matters for requests
 * from other origins, and the window can never navigate to one.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/**
 * No inline or eval'd script or style, nothing from anywhere but the app itself. Matches the policy the
 * renderer is tested under in browser mode (scripts/serve-web.mjs), except `default-src 'none'`: the two
 * policies apply together (header + meta tag), so anything looser here would be dead letter and anything
 * stricter would break features the browser build relies on (`blob:` workers, data: images).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Cross-origin isolation (COOP + COEP, and CORP on our own files so they pass COEP): the renderer has
 * SharedArrayBuffer, as in browser mode, where data-parallel training needs it (core/engine/data-parallel.ts;
 * desktop runs train in the main process's worker threads, which have it anyway). Nothing is ever loaded
 * from another origin, so isolating costs nothing.
 */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const securityHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  ...ISOLATION_HEADERS,
});

const refuse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

/** True when `child` is `root` itself or lies inside it (after `..` has been resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Map a request URL to a file under `rootDir`, or null when it must be refused: another host, encoded
 * separators or NUL bytes, or any path that would resolve outside the root.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A decoded `..\` or NUL is never a legitimate asset name; refuse instead of trying to normalise it.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/');
  if (segments.includes('..')) return null;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const target = resolve(root, relativePath);
  return isInside(root, target) ? target : null;
}

/** The `protocol.handle` callback: serves `rootDir` with the CSP on every response. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const target = resolveAppPath(rootDir, request.url);
    if (target === null) return refuse(403, 'Forbidden');
    try {
      // A symlink inside dist/renderer must not become a way out of it.
      const [realRoot, realTarget] = await Promise.all([realpath(rootDir), realpath(target)]);
      if (!isInside(realRoot, realTarget)) return refuse(403, 'Forbidden');
      const body = await readFile(realTarget);
      const type = MIME[extname(realTarget).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...securityHeaders(), 'Content-Type': type },
      });
    } catch {
      return refuse(404, 'Not found');
    }
  };
}
