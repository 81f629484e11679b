import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';

/** `netloom bench --workers 2` (quick windows): a data-parallel run per workload, same step-100 loss. */
describe('netloom bench --workers', () => {
  beforeAll(() => {
    process.env.NETLOOM_BENCH_QUICK = '1';
  });
  afterAll(() => {
    delete process.env.NETLOOM_BENCH_QUICK;
  });

  const run = async (argv: string[]) => {
    let out = '', err = '';
    const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; }, isTTY: false });
    return { code, out, err };
  };

  it('trains W2 on two workers and reports it', async () => {
    const { code, out, err } = await run(['bench', '--workload', 'W2', '--workers', '2', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const [r] = JSON.parse(out).results;
    expect(r.workers).toBe(2);
    expect(r.kernels === 'fma' || r.kernels === 'simd').toBe(true);
    // The same run as one worker, to float tolerance.
    const one = JSON.parse((await run(['bench', '--workload', 'W2', '--workers', '1', '--json'])).out).results[0];
    expect(one.workers).toBe(1);
    expect(Math.abs(r.loss100 - one.loss100)).toBeLessThan(1e-4);
  });

  it('refuses a worker count other than 1 or 2', async () => {
    const bad = await run(['bench', '--workload', 'W1', '--workers', '3']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--workers must be 1 or 2');
  });
});
