import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { mlpFlopsPerSample } from '../../core/bench/scaling';

/** `netloom bench --scaling` with the quick windows: every table row is there, figures are not checked. */
describe('netloom bench --scaling', () => {
  beforeAll(() => {
    process.env.NETLOOM_BENCH_QUICK = '1';
  });
  afterAll(() => {
    delete process.env.NETLOOM_BENCH_QUICK;
  });

  it('counts the MLP\'s training FLOPs per sample (no input gradient for the first layer)', () => {
    // 784·128 + 128·128 + 128·10 multiply-adds; 2 FLOPs each forward, 2 for dW, 2 for dX but layer 1.
    expect(mlpFlopsPerSample(128)).toBe(2 * (784 * 128 + 128 * 128 + 1280) * 3 - 2 * 784 * 128);
  });

  it('prints the kernel, width and batch tables', async () => {
    let out = '';
    const code = await main(['bench', '--scaling'], { out: (s) => { out += s; }, err: () => {}, isTTY: false });
    expect(code).toBe(0);
    for (const h of [32, 64, 128, 256, 512, 1024]) expect(out).toMatch(new RegExp(`^\\| ${h} \\| [\\d,]+ \\| [\\d.]+ \\| \\d+ % \\|$`, 'm'));
    for (const b of [1, 8, 32, 64, 128, 512]) expect(out).toMatch(new RegExp(`^\\| ${b} \\| [\\d,]+ \\| [\\d.]+ \\|$`, 'm'));
    expect(out).toMatch(/\| H \| simd K=784 \| simd K=H/);
  });
});
