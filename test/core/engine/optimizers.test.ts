import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../../core/engine/optimizers';
import type { OptimizerConfig } from '../../../core/graph/schema';

// Reference values: torch.optim 1.13 in float64, p0 = [0.5, -1, 2], gradients g_t = [0.1t, -0.2, 0.3/t], t = 1..3.
const REFERENCE: [string, OptimizerConfig, number[]][] = [
  ['sgd', { type: 'sgd', lr: 0.1 }, [0.44, -0.94, 1.945]],
  ['sgd momentum', { type: 'sgd', lr: 0.1, momentum: 0.9 }, [0.4048999999999999, -0.8877999999999999, 1.8801999999999999]],
  ['sgd nesterov', { type: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }, [0.35440999999999995, -0.8390199999999999, 1.83718]],
  ['rmsprop', { type: 'rmsprop', lr: 0.01 }, [0.2301174159932009, -0.7710870629827284, 1.8262892567459648]],
  ['rmsprop momentum', { type: 'rmsprop', lr: 0.01, momentum: 0.5 }, [0.11035136292961259, -0.6606430527951027, 1.7288386257130375]],
  ['adam', { type: 'adam', lr: 0.01 }, [0.47076816955448425, -0.9700000015000001, 1.9719466194871647]],
  ['adamw', { type: 'adamw', lr: 0.01, weightDecay: 0.01 }, [0.4706211496357491, -0.9697030313988502, 1.9713496115646976]],
];

function run(config: OptimizerConfig): Float64Array {
  const p = Float64Array.of(0.5, -1, 2);
  const g = new Float64Array(3);
  const opt = createOptimizer(config, [3], (n) => new Float64Array(n));
  for (let t = 1; t <= 3; t++) {
    g.set([0.1 * t, -0.2, 0.3 / t]);
    opt.step([p], [g]);
  }
  return p;
}

describe('optimizers follow PyTorch step for step', () => {
  it.each(REFERENCE)('%s', (_name, config, expected) => {
    const p = run(config);
    expected.forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
  });

  it('reset forgets momentum and moments', () => {
    const config: OptimizerConfig = { type: 'adam', lr: 0.01 };
    const p = Float64Array.of(1), g = Float64Array.of(0.5);
    const opt = createOptimizer(config, [1], (n) => new Float64Array(n));
    opt.step([p], [g]);
    const afterOne = p[0]!;
    opt.step([p], [g]);
    opt.reset();
    p[0] = 1;
    opt.step([p], [g]);
    expect(p[0]).toBe(afterOne);
  });
});
