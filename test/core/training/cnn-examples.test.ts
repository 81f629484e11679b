import { describe, expect, it } from 'vitest';
import { loadExample, trainExample } from '../../helpers/examples';

// The lessons of the convolution and normalisation templates, checked by training them with their own settings.
describe('CNN and BatchNorm templates learn what they are meant to', () => {
  it('shapes-cnn reaches ≥ 95% validation accuracy', async () => {
    const r = await trainExample(loadExample('shapes-cnn'));
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  // The bar, checked with the template's own seed. Across seeds this recipe ends at 96.8% ± 0.5%
  // (docs/layers.md, "LeNet-5 across seeds"): seed 2 (97.7%) is the best of eight, not a typical run.
  it('lenet5-mnist reaches ≥ 97% validation accuracy in 3 epochs on 10k images', async () => {
    const g = loadExample('lenet5-mnist');
    expect(g.training.epochs).toBeLessThanOrEqual(3);
    expect(g.training.dataset.samples).toBe(10000);
    expect(g.training.dataset.layout).toBe('image');
    const r = await trainExample(g);
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.97);
  }, 600_000);

  it('conv1d-count-tokens: a 1D CNN over one-hot tokens counts them (≥ 97% validation accuracy)', async () => {
    const g = loadExample('conv1d-count-tokens');
    expect(g.nodes.map((n) => n.type)).toContain('Conv1D');
    const r = await trainExample(g);
    expect(r.validation.accuracy).toBeGreaterThanOrEqual(0.97);
  }, 300_000);

  it('BatchNorm trains the deep sigmoid stack that fails without it', async () => {
    const plain = loadExample('deep-sigmoid');
    const withBn = loadExample('deep-sigmoid-batchnorm');
    // Same data, optimizer and schedule: the only difference is the BatchNorm layers.
    expect(withBn.training).toEqual(plain.training);
    expect(withBn.nodes.filter((n) => n.type === 'BatchNorm')).toHaveLength(8);
    const a = await trainExample(plain);
    const b = await trainExample(withBn);
    expect(a.train.accuracy).toBeLessThanOrEqual(0.6);
    expect(b.train.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(b.validation.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
