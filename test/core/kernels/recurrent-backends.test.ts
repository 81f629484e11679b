import { describe, expect, it } from 'vitest';
import { fillBatch } from '../../../core/engine/batch';
import { Executor } from '../../../core/engine/executor';
import { mulberry32 } from '../../../core/util/rng';
import { recurrentGraphs } from '../../exporters/helpers/recurrent-graphs';
import { expectBackendsAgree, planWithData } from './helpers/backends-agree';

/**
 * The recurrent graphs of the exporter tests, through the executor: the wasm SIMD matrix kernels (f32
 * arena) and the TS reference agree on the loss and every parameter gradient, on a partial batch; and in
 * float64 the whole graph's gradients (Embedding → LSTM → Dense → softmax/cross-entropy, and stacked
 * GRU → LSTM) match finite differences of the loss.
 */
async function prepared(name: string) {
  return planWithData(recurrentGraphs().find((g) => g.name === name)!.graph);
}

const NAMES = recurrentGraphs().filter((g) => g.name.startsWith('rnn-')).map((g) => g.name);

describe('recurrent graphs: wasm and TS executors agree', () => {
  it.each(NAMES)('%s', async (name) => {
    const { plan, data } = await prepared(name);
    expectBackendsAgree(plan, data, 99);
  });
});

describe('recurrent graphs: whole-graph gradients in float64', () => {
  it.each(['rnn-embedding-lstm', 'rnn-gru-stacked-lstm'])('%s matches finite differences of the loss', async (name) => {
    const { plan, data } = await prepared(name);
    const exec = new Executor(plan, { dtype: 'f64' });
    exec.initParams(mulberry32(5));
    const n = 4;
    fillBatch(plan, data.train, null, 0, n, exec.input, exec.target);
    const lossAt = () => {
      exec.forward(n, true);
      return exec.loss;
    };
    lossAt();
    exec.backward(n);
    let worst = 0;
    let where = '';
    exec.params.forEach((p, k) => {
      const g = Float64Array.from(exec.paramGrads[k]!);
      const step = Math.max(1, Math.floor(p.length / 25));
      for (let i = 0; i < p.length; i += step) {
        const orig = p[i]!;
        p[i] = orig + 1e-6;
        const up = lossAt();
        p[i] = orig - 1e-6;
        const down = lossAt();
        p[i] = orig;
        const numeric = (up - down) / 2e-6;
        const scale = Math.abs(numeric) + Math.abs(g[i]!);
        const rel = scale > 1e-7 ? Math.abs(numeric - g[i]!) / scale : 0;
        if (rel > worst) [worst, where] = [rel, `${plan.params[k]!.node}.${plan.params[k]!.name}[${i}]`];
      }
    });
    expect(worst, where).toBeLessThan(1e-3);
  });
});
