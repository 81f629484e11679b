/**
 * Known values from PyTorch (test/fixtures/torch/make_conv_fixtures.py, run once with Debian's torch in
 * float64): every case is replayed through NetLoom's kernel with the same inputs and weights.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../../core/catalog';
import { withDefaults } from '../../../../core/catalog/params';
import { mulberry32 } from '../../../../core/util/rng';
import { sizeOf } from '../../../../core/util/tensor';

interface Case {
  name: string;
  node: string;
  params: Record<string, unknown>;
  inputShape: number[];
  batch: number;
  inputs: number[][];
  weights: number[][];
  output: number[];
  training?: boolean;
  weightsAfter?: number[][];
}

const FIXTURES = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/torch/conv-fixtures.json', import.meta.url)), 'utf8')) as { cases: Case[] };
const TOL = 1e-5;

describe('known values against PyTorch', () => {
  it('covers every new kind', () => {
    const kinds = new Set(FIXTURES.cases.map((c) => c.node));
    for (const k of ['Conv2D', 'Conv1D', 'MaxPool2D', 'AvgPool2D', 'MaxPool1D', 'AvgPool1D', 'GlobalAvgPool', 'BatchNorm', 'Permute', 'Multiply', 'Activation', 'LRN']) expect(kinds).toContain(k);
  });

  it.each(FIXTURES.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const kind = getNodeKind(c.node)!;
    const params = withDefaults(kind, c.params);
    const inputShapes = kind.inputs.map(() => c.inputShape);
    const shape = kind.inferShape({ params, inputs: inputShapes, dataset: { inputShape: c.inputShape, target: { kind: 'binary' } } });
    if (!shape.ok) throw new Error(shape.message);
    const n = c.batch;
    expect(n * sizeOf(shape.shape)).toBe(c.output.length);
    const inputs = c.inputs.map((x) => Float64Array.from(x));
    const weights = c.weights.map((w) => Float64Array.from(w));
    const output = new Float64Array(c.output.length);
    const kernel = kind.createKernel({
      params, inputShapes, outputShape: shape.shape, maxBatch: n, dtype: 'f64',
      buffers: {
        inputs, output, params: weights,
        dInputs: inputs.map(() => null), dOutput: new Float64Array(output.length), dParams: weights.map((w) => new Float64Array(w.length)),
      },
      alloc: (size) => new Float64Array(size), rng: mulberry32(1), attrs: {},
    });
    kernel.forward(n, c.training ?? true);
    let worst = 0;
    c.output.forEach((want, i) => { worst = Math.max(worst, Math.abs(want - output[i]!)); });
    expect(worst).toBeLessThan(TOL);
    // BatchNorm's running statistics after one training step (unbiased variance) or untouched in eval.
    c.weightsAfter?.forEach((after, t) => after.forEach((want, i) => expect(Math.abs(weights[t]![i]! - want), `tensor ${t}[${i}]`).toBeLessThan(TOL)));
  });
});
