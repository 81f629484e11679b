import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../electron/main/protocol';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

/** dist/renderer-like folder with a secret file next to (outside) it. */
async function fixture() {
  const base = await tempDir();
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>NetLoom</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  return { base, root, handle: createAppProtocolHandler(root) };
}

const get = (url: string) => new Request(url);

describe('app protocol handler', () => {
  it('serves index.html for the root and assets with their MIME type', async () => {
    const { handle } = await fixture();
    const index = await handle(get(`${APP_ORIGIN}/`));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>NetLoom</title>');
    const js = await handle(get(`${APP_ORIGIN}/assets/app.js`));
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('sets the strict CSP header on every response, errors included', async () => {
    const { handle } = await fixture();
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/nope.js`, `${APP_ORIGIN}/..%2fsecret.txt`]) {
      const res = await handle(get(url));
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/style-src[^;]*'unsafe-inline'/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });

  it.each([
    `${APP_ORIGIN}/..%2fsecret.txt`,
    `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
    `${APP_ORIGIN}/%2e%2e%2fsecret.txt`,
    `${APP_ORIGIN}/..%5csecret.txt`,
    `${APP_ORIGIN}/index.html%00.js`,
  ])('refuses path traversal: %s', async (url) => {
    const { handle } = await fixture();
    const res = await handle(get(url));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('never serves a file outside the root even when the URL parser folds the dots away', async () => {
    const { handle } = await fixture();
    // WHATWG URL turns /../secret.txt into /secret.txt, which must then resolve inside the root.
    const res = await handle(get(`${APP_ORIGIN}/../secret.txt`));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('refuses a symlink that points out of the root', async () => {
    const { base, root, handle } = await fixture();
    await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
    const res = await handle(get(`${APP_ORIGIN}/link.txt`));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('refuses other hosts, other schemes and non-GET methods', async () => {
    const { handle, root } = await fixture();
    expect((await handle(get('netloom://evil/index.html'))).status).toBe(403);
    expect(resolveAppPath(root, 'https://app/index.html')).toBeNull();
    expect((await handle(new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers 404 for a missing asset', async () => {
    const { handle } = await fixture();
    expect((await handle(get(`${APP_ORIGIN}/missing.css`))).status).toBe(404);
  });

  it('is registered as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'netloom', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });
});
