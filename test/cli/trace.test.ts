import { describe, expect, it } from 'vitest';
import type { TraceJson } from '../../core/trace';
import { examplePath, runCli, STACK_FRAME } from './run-cli';

describe('netloom trace', () => {
  it('--json prints {example, loss, nodes: [{id, type, output, gradOutput, params}]} for the N-th training row', async () => {
    const r = await runCli(['trace', examplePath('xor-mlp.json'), '--example', '4', '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const t = JSON.parse(r.stdout) as TraceJson;
    expect(t.example).toBe(4);
    expect(t.loss).toBeGreaterThan(0);
    expect(t.nodes.map((n) => n.id)).toEqual(['in', 'd1', 'a1', 'd2', 'a2', 'loss']);
    for (const n of t.nodes) expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'type', 'output', 'gradOutput', 'params']));
    const d1 = t.nodes[1]!;
    expect(d1.output).toHaveLength(8);
    expect(d1.gradOutput).toHaveLength(8);
    expect(d1.params.W!.value).toHaveLength(16);
    expect(d1.params.W!.grad).toHaveLength(16);
    expect(d1.params.b!.grad).toEqual(d1.gradOutput);
    expect(t.nodes[0]!.gradOutput).toBeNull();
    expect(t.nodes[5]!.output).toEqual([t.loss]);
  });

  it('prints a readable listing without --json', async () => {
    const r = await runCli(['trace', examplePath('xor-mlp.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^example 0 of the training split: input \[/);
    expect(r.stdout).toMatch(/\nd1 \(Dense\): output \[.*\]  gradient \[/);
    expect(r.stdout).toMatch(/\n {2}W \[2×8\]: value \[/);
  });

  it('names the problem with a bad --example or --weights, without a stack trace', async () => {
    const far = await runCli(['trace', examplePath('xor-mlp.json'), '--example', '100000', '--json']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe('--example 100000: the training split has 320 rows (0–319)\n');
    const missing = await runCli(['trace', examplePath('xor-mlp.json'), '--weights', 'no/such.safetensors']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^--weights no\/such\.safetensors: cannot read \(ENOENT\)/);
    expect(missing.stderr).not.toMatch(STACK_FRAME);
    const negative = await runCli(['trace', examplePath('xor-mlp.json'), '--example', '-1']);
    expect(negative.code).toBe(2);
  });
});
