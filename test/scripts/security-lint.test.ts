import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Allowlist, findingsFromSarif, judge } from '../../scripts/security/allowlist';
import { checkSource } from '../../scripts/security/custom-checks';

const check = (text: string, file = 'main/x.ts', openExternalOrigins: string[] = []) => checkSource(file, text, { openExternalOrigins }).map((f) => f.rule);

describe('our security checks (what electronegativity misses)', () => {
  it('nodeIntegration without a sandbox key', () => {
    expect(check(`new BrowserWindow({ webPreferences: { nodeIntegration: false } });`)).toEqual(['NODE_INTEGRATION_WITHOUT_SANDBOX']);
    expect(check(`new BrowserWindow({ webPreferences: { nodeIntegration: false, sandbox: true } });`)).toEqual([]);
  });

  it('protections turned off, in any file type, including .mts', () => {
    expect(check(`export const prefs = { sandbox: false, contextIsolation: false };`, 'main/prefs.mts')).toEqual(['UNSAFE_WEB_PREFERENCE', 'UNSAFE_WEB_PREFERENCE']);
    expect(check(`const p = { nodeIntegration: true, sandbox: true, webSecurity: false };`, 'a.cjs')).toEqual(['UNSAFE_WEB_PREFERENCE', 'UNSAFE_WEB_PREFERENCE']);
    expect(check(`const p = { contextIsolation: true, sandbox: true, webSecurity: true };`, 'a.mts')).toEqual([]);
  });

  it('does not match words in comments or strings', () => {
    expect(check(`// sandbox: false, nodeIntegration: true\nconst s = "contextIsolation: false";`)).toEqual([]);
  });

  it('raw ipcRenderer handed to the page', () => {
    expect(check(`contextBridge.exposeInMainWorld('ipc', ipcRenderer);`)).toEqual(['RAW_IPC_RENDERER_EXPOSED']);
    expect(check(`contextBridge.exposeInMainWorld('api', { ipcRenderer });`)).toEqual(['RAW_IPC_RENDERER_EXPOSED']);
    expect(check(`contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send });`)).toEqual(['RAW_IPC_RENDERER_EXPOSED']);
    expect(check(`contextBridge.exposeInMainWorld('api', { on: ipcRenderer.on.bind(ipcRenderer) });`)).toEqual(['RAW_IPC_RENDERER_EXPOSED']);
    expect(check(`contextBridge.exposeInMainWorld('api', { ...ipcRenderer });`)).toEqual(['RAW_IPC_RENDERER_EXPOSED']);
  });

  it('one function per channel, or a wrapper, is fine', () => {
    expect(check(`contextBridge.exposeInMainWorld('api', { open: () => ipcRenderer.invoke('file:open') });`)).toEqual([]);
    expect(check(`contextBridge.exposeInMainWorld('netloom', createBridge(ipcRenderer));`)).toEqual([]);
  });

  it('shell.openExternal only with a literal URL on an allowed origin', () => {
    expect(check(`shell.openExternal(url);`)).toEqual(['OPEN_EXTERNAL_NOT_ALLOWLISTED']);
    expect(check(`shell.openExternal('https://evil.example/x');`, 'a.ts', ['https://netloom.org'])).toEqual(['OPEN_EXTERNAL_NOT_ALLOWLISTED']);
    expect(check(`shell.openExternal('https://netloom.org/docs');`, 'a.ts', ['https://netloom.org'])).toEqual([]);
  });

  it('the real electron/ folder passes', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const dir = join(import.meta.dirname, '..', '..', 'electron');
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : /\.[cm]?[jt]s$/.test(n) ? [join(d, n)] : []));
    const findings = walk(dir).flatMap((f) => checkSource(f, readFileSync(f, 'utf8'), { openExternalOrigins: [] }));
    expect(findings).toEqual([]);
  });
});

describe('allowlist', () => {
  const finding = { rule: 'SANDBOX_JS_CHECK', file: 'main/window.ts', line: 15, message: 'm' };
  const entry = { rule: 'SANDBOX_JS_CHECK', file: 'main/window.ts', reason: 'prefs come from secureWebPreferences(), tested' };

  it('a justified finding passes; an unjustified one and a stale entry fail', () => {
    expect(judge([finding], { openExternalOrigins: [], findings: [entry] })).toEqual({ unexplained: [], stale: [] });
    expect(judge([finding], { openExternalOrigins: [], findings: [] }).unexplained).toEqual([finding]);
    expect(judge([], { openExternalOrigins: [], findings: [entry] }).stale).toEqual([entry]);
    expect(judge([{ ...finding, file: 'main/other.ts' }], { openExternalOrigins: [], findings: [entry] }).unexplained).toHaveLength(1);
  });

  it('every entry needs a real reason', () => {
    expect(Allowlist.safeParse({ openExternalOrigins: [], findings: [{ ...entry, reason: 'ok' }] }).success).toBe(false);
  });

  it('reads electronegativity SARIF, global checks as "*"', () => {
    const sarif = {
      runs: [
        {
          results: [
            { ruleId: 'CSP_GLOBAL_CHECK', message: { text: 'No CSP' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } } }] },
            { ruleId: 'SANDBOX_JS_CHECK', message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'main/w.scanned.js' }, region: { startLine: 3 } } }] },
          ],
        },
      ],
    };
    expect(findingsFromSarif(sarif, (f) => f.replace('.scanned.js', '.mjs'))).toEqual([
      { rule: 'CSP_GLOBAL_CHECK', file: '*', line: 1, message: 'No CSP' },
      { rule: 'SANDBOX_JS_CHECK', file: 'main/w.mjs', line: 3, message: 'x' },
    ]);
  });
});

describe('npm run lint:security, end to end on a fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-seclint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on an .mjs window with nodeIntegration on (electronegativity is made to read it), naming the file', () => {
    const target = join(dir, 'electron');
    mkdirSync(target);
    writeFileSync(join(target, 'win.mjs'), `import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n`);
    const allowlist = join(dir, 'allowlist.json');
    writeFileSync(allowlist, JSON.stringify({ openExternalOrigins: [], findings: [] }));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'scripts', 'lint-security.ts'), '--target', target, '--allowlist', allowlist], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/NODE_INTEGRATION_JS_CHECK electron\/win\.mjs/); // electronegativity's own rule, on the renamed copy
    expect(run.stderr).toMatch(/NODE_INTEGRATION_WITHOUT_SANDBOX electron\/win\.mjs:2/);
    expect(run.stderr).toMatch(/UNSAFE_WEB_PREFERENCE electron\/win\.mjs:2/);
  });
});
