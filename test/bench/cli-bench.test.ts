import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';

/** `netloom bench` end to end (worker thread, compiled plan) with the quick protocol: output, not speed. */
describe('netloom bench', () => {
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

  it('runs W1 through a worker and prints JSON', async () => {
    const { code, out, err } = await run(['bench', '--workload', 'W1', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const [r] = report.results;
    expect(r.workload).toBe('W1');
    expect(r.unit).toBe('steps/s');
    expect(r.figure).toBeGreaterThan(0);
    expect(Math.abs(r.loss100 - 0.793631)).toBeLessThan(1e-4);
    expect(r.backend).toBe('wasm');
    expect(r.peakRssMB).toBeGreaterThan(0);
  });

  it('runs the LSTM workload W6 through a worker with PyTorch\'s step-100 loss', async () => {
    const { code, out } = await run(['bench', '--workload', 'W6', '--json']);
    expect(code).toBe(0);
    const [r] = JSON.parse(out).results;
    expect(r.workload).toBe('W6');
    expect(r.unit).toBe('samples/s');
    expect(r.referenceLoss100).toBe(1.391077);
    expect(Math.abs(r.loss100 - 1.391077)).toBeLessThan(1e-4);
  });

  it('prints a table and refuses unknown workloads', async () => {
    const ok = await run(['bench', '--workload', 'w3']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/W3\s+[\d,]+ steps\/s\s+0\.2551/);
    const bad = await run(['bench', '--workload', 'W9']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown workload');
  });
});
