import { describe, expect, it } from 'vitest';
import { loadExample, trainExample } from '../../helpers/examples';

// The lessons the examples teach, checked by actually training them with their own settings.
describe('example graphs learn what they are meant to', () => {
  it('xor-mlp reaches ≥ 99% train accuracy', async () => {
    const r = await trainExample(loadExample('xor-mlp'));
    expect(r.train.accuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('linear-only-xor cannot: stays ≤ 75%', async () => {
    const r = await trainExample(loadExample('linear-only-xor'));
    expect(r.train.accuracy).toBeLessThanOrEqual(0.75);
  });

  it('spiral-tanh reaches ≥ 95% train accuracy', async () => {
    const r = await trainExample(loadExample('spiral-tanh'));
    expect(r.train.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('nalu-add extrapolates (mre < 5%) where mlp-add does not (mre > 20%)', async () => {
    const nalu = await trainExample(loadExample('nalu-add'));
    const mlp = await trainExample(loadExample('mlp-add'));
    expect(nalu.extrapolation!.mre).toBeLessThan(0.05);
    expect(mlp.extrapolation!.mre).toBeGreaterThan(0.2);
    // Both fit the range they were trained on: the difference is extrapolation, not underfitting.
    expect(nalu.validation.mre).toBeLessThan(0.05);
    expect(mlp.validation.mre).toBeLessThan(0.05);
  });

  it('mnist-mlp reaches ≥ 90% validation accuracy in 3 epochs on 10k digits', async () => {
    const g = loadExample('mnist-mlp');
    expect(g.training.epochs).toBeLessThanOrEqual(3);
    expect(g.training.dataset.samples).toBe(10000);
    const r = await trainExample(g);
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
