import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../../core/catalog/index';
import { buildKernel } from './kernel-harness';

/**
 * Known values from PyTorch (test/fixtures/torch/make_rnn_fixtures.py, run once with Debian's torch):
 * with PyTorch's weights copied unchanged into the node's param tensors, the forward output and the
 * gradients of sum(output · R) w.r.t. the input and every weight must match nn.Embedding / nn.RNN /
 * nn.LSTM / nn.GRU. This is what makes the layouts truly one-to-one.
 */
interface Fixture {
  name: string;
  type: string;
  params: Record<string, unknown>;
  batch: number;
  inputShape: number[];
  x: number[];
  weights: number[][];
  r: number[];
  y: number[];
  dx: number[] | null;
  dweights: number[][];
}

const file = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'torch', 'rnn-fixtures.json');
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Fixture[] };

function maxDiff(a: ArrayLike<number>, b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('recurrent layers against PyTorch', () => {
  it('has every kind and both output modes', () => {
    expect(cases.map((c) => c.name)).toEqual(['embedding', 'rnn-last', 'rnn-sequences', 'lstm-last', 'lstm-sequences', 'gru-last', 'gru-sequences']);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: output and gradients match torch within 1e-5', (_name, c) => {
    const kind = getNodeKind(c.type)!;
    const h = buildKernel(kind, { params: c.params, inputs: [c.inputShape], maxBatch: c.batch });
    h.inputs[0]!.set(c.x);
    c.weights.forEach((w, i) => h.params[i]!.set(w));
    h.dOutput.set(c.r);
    h.kernel.forward(c.batch, true);
    expect(maxDiff(h.output, c.y)).toBeLessThan(1e-5);
    h.kernel.backward!(c.batch);
    if (c.dx) expect(maxDiff(h.buffers.dInputs[0]!, c.dx)).toBeLessThan(1e-5);
    c.dweights.forEach((g, i) => expect(maxDiff(h.buffers.dParams[i]!, g), `gradient of param ${i}`).toBeLessThan(1e-5));
  });
});
