import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppProtocolHandler } from '../../electron/main/protocol';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

/**
 * The desktop app's pages are cross-origin isolated (SharedArrayBuffer for data-parallel training): every
 * response of the app protocol carries COOP, COEP and CORP, errors included.
 */
describe('app protocol: cross-origin isolation', () => {
  it('sends COOP same-origin, COEP require-corp and CORP same-origin on every response', async () => {
    const root = join(await tempDir(), 'renderer');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>NetLoom</title>');
    const handle = createAppProtocolHandler(root);
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/missing.js`]) {
      const res = await handle(new Request(url));
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });
});
