import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_KIND_LIST } from '../../core/catalog';
import { ACTIVATION_LIST } from '../../core/catalog/activations';
import { rangeText } from '../../core/catalog/params';
import type { ParamSpec } from '../../core/catalog/types';
import { parseGraphText, serializeGraph } from '../../core/graph/io';
import { examplePath, runCli, STACK_FRAME } from './run-cli';

const EXAMPLES = readdirSync(examplePath('')).filter((f) => f.endsWith('.json')).sort();

function parseOk(text: string) {
  const r = parseGraphText(text);
  if (!r.ok) throw new Error(`expected a valid graph, got: ${JSON.stringify(r.problems)}`);
  return r.graph;
}

describe('netloom validate', () => {
  it('finds the examples folder', () => {
    expect(EXAMPLES).toContain('xor-mlp.json');
  });

  it.each(EXAMPLES)('says ok for examples/%s', async (name) => {
    const r = await runCli(['validate', examplePath(name)]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe('ok\n');
  });

  it('reports a missing file by name, with exit 1 and no stack trace', async () => {
    const r = await runCli(['validate', 'no/such/graph.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('no/such/graph.json: no such file\n');
    expect(r.stdout).toBe('');
  });

  it('asks which file when none is given (a usage error, exit 2)', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('netloom validate: which graph file?');
    expect(r.stderr).toContain('usage: netloom <command>');
  });
});

describe('netloom catalog --json', () => {
  interface Param { name: string; kind: string; default: unknown; range: string }
  const load = async () => {
    const r = await runCli(['catalog', '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as {
      nodes: { type: string; inputs: string[]; outputs: string[]; params: Param[] }[];
      activations: { fn: string; params: Param[] }[];
    };
  };
  const expectParams = (listed: Param[], specs: Record<string, ParamSpec>) => {
    expect(listed.map((p) => p.name)).toEqual(Object.keys(specs));
    for (const p of listed) {
      const spec = specs[p.name]!;
      expect(p, p.name).toMatchObject({ kind: spec.kind, default: spec.default, range: rangeText(spec) });
    }
  };

  it('lists every node type with its ports and each param with default and range', async () => {
    const c = await load();
    expect(c.nodes.map((n) => n.type)).toEqual(NODE_KIND_LIST.map((k) => k.type));
    for (const kind of NODE_KIND_LIST) {
      const listed = c.nodes.find((n) => n.type === kind.type)!;
      expect(listed.inputs).toEqual(kind.inputs.map((p) => p.name));
      expect(listed.outputs).toEqual(kind.outputs.map((p) => p.name));
      expectParams(listed.params, kind.params);
    }
  });

  it('lists every activation fn with its own params', async () => {
    const c = await load();
    expect(c.activations.map((a) => a.fn)).toEqual(ACTIVATION_LIST.map((a) => a.fn));
    for (const fn of ACTIVATION_LIST) expectParams(c.activations.find((a) => a.fn === fn.fn)!.params, fn.params);
  });

  it('shows concrete ranges a user can read', async () => {
    const c = await load();
    const param = (type: string, name: string) => c.nodes.find((n) => n.type === type)!.params.find((p) => p.name === name);
    expect(param('Dense', 'units')).toMatchObject({ default: 8, range: '[1, 65536]' });
    expect(param('Dropout', 'rate')).toMatchObject({ default: 0.5, range: '[0, 1)' });
    expect(param('Loss', 'fn')).toMatchObject({ range: 'mse | mae | bce | bce_logits | cross_entropy' });
    expect(c.activations.find((a) => a.fn === 'leaky_relu')!.params).toEqual([
      expect.objectContaining({ name: 'alpha', default: 0.01, range: '[0, 1]' }),
    ]);
  });
});

describe('netloom compile', () => {
  it('prints the ops of the XOR MLP in forward order with their shapes', async () => {
    const r = await runCli(['compile', examplePath('xor-mlp.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^plan "XOR": batch 10, 6 ops, 6 tensors, 33 parameters in 4 tensors$/m);
    const ops = r.stdout.split('\n').filter((l) => /^\s+\d+\s{2}/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 3));
    expect(ops).toEqual([
      ['0', 'in', 'Input'],
      ['1', 'd1', 'Dense'],
      ['2', 'a1', 'Activation(tanh)'],
      ['3', 'd2', 'Dense'],
      ['4', 'a2', 'Activation(sigmoid)'],
      ['5', 'loss', 'Loss'],
    ]);
    expect(r.stdout).toContain('t0[B, 2] → t1[B, 8]  params W[2, 8] b[8]');
    expect(r.stdout).toContain('t4[B, 1] → loss');
  });
});

describe('netloom export --to json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const input = readFileSync(examplePath('xor-mlp.json'), 'utf8');

  it('prints canonical JSON that parses back to the same graph', async () => {
    const r = await runCli(['export', examplePath('xor-mlp.json'), '--to', 'json']);
    expect(r.code).toBe(0);
    const original = parseOk(input);
    expect(r.stdout).toBe(serializeGraph(original));
    expect(parseOk(r.stdout)).toEqual(original);
  });

  it('writes the same bytes to a file with -o', async () => {
    const out = join(dir, 'xor.json');
    const r = await runCli(['export', examplePath('xor-mlp.json'), '--to', 'json', '-o', out]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(serializeGraph(parseOk(input)));
  });

  it('names the known targets when --to is unknown', async () => {
    const r = await runCli(['export', examplePath('xor-mlp.json'), '--to', 'caffe']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown export target "caffe" (one of json, pytorch, keras, onnx)');
  });
});

describe('usage errors', () => {
  it('an unknown command exits 2 and shows the usage', async () => {
    const r = await runCli(['trian', 'g.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unknown command "trian"\nusage: netloom <command>/);
    expect(r.stderr).toContain('validate <graph.json>');
    expect(r.stdout).toBe('');
  });

  it('an unknown flag exits 2 without a stack trace', async () => {
    const r = await runCli(['validate', '--bogus', 'g.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bogus');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('no command at all exits 2 with the usage', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('usage: netloom <command>');
  });
});
