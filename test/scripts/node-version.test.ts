import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs next to the bin script, no type declarations
import { NODE_REQUIREMENT, unsupportedNodeMessage } from '../../bin/node-version.mjs';

describe('Node version check at CLI start', () => {
  it.each(['20.19.0', '20.20.2', '22.12.0', '22.13.1', '24.1.0', 'v23.0.0'])('accepts %s', (v) => {
    expect(unsupportedNodeMessage(v)).toBeNull();
  });

  it.each(['18.20.4', '20.6.0', '20.18.3', '21.7.3', '22.11.0'])('refuses %s with a message saying what is needed', (v) => {
    expect(unsupportedNodeMessage(v)).toMatch(new RegExp(`20\\.19 or newer.*22\\.12 or newer \\(this is Node ${v.replace(/\./g, '\\.')}\\)`));
  });

  it('states the same range as package.json engines', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(NODE_REQUIREMENT);
  });
});

describe('where the check runs', () => {
  const root = join(import.meta.dirname, '..', '..');
  // Pretends to be an old Node: process.versions replaced before the script loads.
  const asNode = (version: string, script: string, args: string[] = []) =>
    spawnSync(process.execPath, ['--import', `data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"${version}"}})`, join(root, script), ...args], { encoding: 'utf8', timeout: 30_000 });

  it.each(['bin/netloom.mjs', 'bin/check-node.mjs'])('%s refuses Node 18 with the message and exit code 1', (script) => {
    const r = asNode('18.20.0', script, ['catalog']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NetLoom needs Node\.js 20\.19 or newer.*this is Node 18\.20\.0/);
  });

  it('bin/check-node.mjs passes on this Node', () => {
    expect(spawnSync(process.execPath, [join(root, 'bin/check-node.mjs')]).status).toBe(0);
  });
});
