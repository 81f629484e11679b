import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** What main.ts does with Electron before `ready`, in order. */
const record = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const app = {
    setName: (name: string) => calls.push(`setName ${name}`),
    getPath: (name: string) => (calls.push(`getPath ${name}`), `/home/u/.config`),
    setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
    enableSandbox: () => calls.push('enableSandbox'),
    on: (event: string, l: (...args: unknown[]) => void) => listeners.set(event, l),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    isPackaged: false,
    whenReady: () => new Promise(() => undefined), // never ready: only the pre-ready part is under test
    quit: () => calls.push('quit'),
    exit: () => undefined,
  };
  return { calls, listeners, app };
});
vi.mock('electron', () => ({
  app: record.app,
  dialog: { showErrorBox: () => undefined },
  protocol: { registerSchemesAsPrivileged: () => record.calls.push('registerSchemesAsPrivileged') },
}));
vi.mock('../../electron/main/app', () => ({ APP_NAME: 'NetLoom', startApp: vi.fn() }));

await import('../../electron/main');

describe('main process entry', () => {
  it('names the app NetLoom before anything reads userData or takes the single-instance lock', () => {
    const { calls } = record;
    expect(calls[0]).toBe('setName NetLoom');
    expect(calls).toContain(`setPath userData ${join('/home/u/.config', 'NetLoom')}`);
    expect(calls.indexOf('setName NetLoom')).toBeLessThan(calls.indexOf('requestSingleInstanceLock'));
    expect(calls.findIndex((c) => c.startsWith('setPath userData'))).toBeLessThan(calls.indexOf('requestSingleInstanceLock'));
  });

  it('listens for macOS open-file before ready and keeps the file (default handling prevented)', () => {
    const onOpenFile = record.listeners.get('open-file');
    expect(onOpenFile).toBeTypeOf('function');
    const preventDefault = vi.fn();
    onOpenFile!({ preventDefault }, '/Users/u/a.netloom.json');
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('electron/ stays thin', () => {
  const root = join(import.meta.dirname, '..', '..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.[cm]?[jt]s$/.test(name) ? [full] : [];
    });

  it('never imports cli/ (the desktop engine uses the shared node/ resource loader)', () => {
    const offenders = files(join(root, 'electron')).filter((f) => /from\s+['"](?:\.\.\/)+cli\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
