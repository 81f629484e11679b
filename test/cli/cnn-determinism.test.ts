import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { EXAMPLES_DIR } from '../helpers/examples';

/** The shapes CNN with a BatchNorm (running statistics) and a Dropout added, on a small sample. */
function smallCnnGraph(): string {
  const g = JSON.parse(readFileSync(resolve(EXAMPLES_DIR, 'shapes-cnn.json'), 'utf8'));
  g.training.dataset.samples = 300;
  g.nodes.push({ id: 'bn', type: 'BatchNorm', params: {} }, { id: 'drop', type: 'Dropout', params: { rate: 0.2 } });
  const e = g.edges.find((x: { source: string }) => x.source === 'c1');
  g.edges.push({ id: 'ebn', source: 'bn', target: e.target }, { id: 'edrop', source: 'gap', target: 'drop' });
  e.target = 'bn';
  g.edges.find((x: { source: string; target: string }) => x.source === 'gap' && x.target === 'out').source = 'drop';
  const dir = mkdtempSync(join(tmpdir(), 'netloom-cnn-'));
  const path = join(dir, 'cnn.json');
  writeFileSync(path, JSON.stringify(g));
  return path;
}

async function trainJsonl(path: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['train', path, '--jsonl', ...args], { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

describe('netloom train --jsonl on a CNN', () => {
  it('is byte-identical for the same seed and differs for another', async () => {
    const path = smallCnnGraph();
    const a = await trainJsonl(path, ['--epochs', '2', '--seed', '5']);
    const b = await trainJsonl(path, ['--epochs', '2', '--seed', '5']);
    const c = await trainJsonl(path, ['--epochs', '2', '--seed', '6']);
    expect(a.code, a.err).toBe(0);
    expect(a.out.length).toBeGreaterThan(500);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  }, 120_000);
});
