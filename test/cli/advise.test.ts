import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, adviseGraph } from '../../core/advisor';
import { AdvisorWarningSchema } from '../../core/protocol/advice';
import { serializeGraph } from '../../core/graph/io';
import { loadExample } from '../helpers/examples';
import { examplePath, runCli, STACK_FRAME } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'netloom-advise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeGraph(name: string, graph: ReturnType<typeof loadExample>): string {
  const path = join(dir, name);
  writeFileSync(path, serializeGraph(graph));
  return path;
}

async function adviseJson(args: string[]) {
  const r = await runCli(['advise', ...args, '--json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  const list = JSON.parse(r.stdout) as unknown[];
  expect(Array.isArray(list)).toBe(true);
  // Exactly { rule, node, message, fix } per item, as documented.
  for (const w of list) {
    expect(Object.keys(w as object)).toEqual(['rule', 'node', 'message', 'fix']);
    expect(AdvisorWarningSchema.strict().safeParse(w).success).toBe(true);
  }
  return list as { rule: string; node: string | null; message: string; fix: { label: string; edits: unknown[] } | null }[];
}

describe('netloom advise', () => {
  it('--json prints one array of {rule, node, message, fix}; the fix applies and clears the warning', async () => {
    const list = await adviseJson([examplePath('linear-only-xor.json')]);
    expect(list.map((w) => [w.rule, w.node])).toEqual([['linear-stack', 'a1']]);
    expect(list[0]!.fix).toEqual({ label: 'Use relu in "a1"', edits: [{ kind: 'set-param', node: 'a1', param: 'fn', value: 'relu' }] });
    const fixed = applyFix(loadExample('linear-only-xor'), list[0]!.fix as Parameters<typeof applyFix>[1]);
    expect(adviseGraph(fixed)).toEqual([]);
  });

  it('prints "no warnings" for a well-built graph, exit 0', async () => {
    const r = await runCli(['advise', examplePath('xor-mlp.json')]);
    expect(r).toEqual({ code: 0, stdout: 'no warnings\n', stderr: '' });
    expect(await adviseJson([examplePath('xor-mlp.json')])).toEqual([]);
  });

  it('prints one warning per block in text, naming the rule, the node and the fix', async () => {
    const r = await runCli(['advise', examplePath('deep-sigmoid.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning deep-saturating-stack \(node "a1"\): 8 sigmoid layers in a row/);
    expect(r.stdout).toContain('\n  fix: Use relu in these hidden layers\n');
  });

  it('reads the regression targets from the data: ReLU on a sine output is flagged with the real minimum', async () => {
    const g = loadExample('xor-mlp');
    g.training.dataset = { name: 'sine', samples: 200, noise: 0, validationSplit: 0.2 };
    g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'relu' };
    g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'mse' };
    const list = await adviseJson([writeGraph('sine-relu.json', g)]);
    const w = list.find((x) => x.rule === 'relu-regression-output')!;
    expect(w.node).toBe('a2');
    expect(w.message).toMatch(/The targets go down to -(1|0\.9\d+),/);
  });

  it('--run adds the run-time diagnostics of that many epochs', async () => {
    const list = await adviseJson([examplePath('deep-sigmoid.json'), '--run', '3']);
    expect(list.map((w) => w.rule)).toEqual(['deep-saturating-stack', 'vanishing-gradients']);
    expect(list[1]!.node).toBe('d1');
  });

  it('--run on a diverging graph reports the divergence with its fix and still exits 0', async () => {
    const g = loadExample('xor-mlp');
    g.training.optimizer = { type: 'sgd', lr: 1e6 };
    g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'linear' };
    g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'mse' };
    const list = await adviseJson([writeGraph('diverging.json', g), '--run', '5']);
    expect(list.map((w) => w.rule)).toEqual(['mse-for-classification', 'learning-rate-range', 'diverged']);
    expect(list.at(-1)!.message).toMatch(/diverged at step \d+/);
  });

  it('refuses a graph with errors like validate does (exit 1, no stack trace)', async () => {
    const g = loadExample('xor-mlp');
    g.edges = g.edges.filter((e) => e.target !== 'loss');
    const r = await runCli(['advise', writeGraph('broken.json', g)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"loss"');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('rejects --run 0 as a usage error', async () => {
    const r = await runCli(['advise', examplePath('xor-mlp.json'), '--run', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--run must be an integer ≥ 1');
  });
});
