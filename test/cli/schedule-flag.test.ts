import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { parseScheduleFlag } from '../../cli/schedule-flag';
import { EXAMPLES_DIR } from '../helpers/examples';

async function train(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['train', resolve(EXAMPLES_DIR, 'xor-mlp.json'), ...args], {
    out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false,
  });
  return { code, out, err };
}

describe('netloom train --schedule', () => {
  it('parses the short spellings into the graph format\'s schedule', () => {
    expect(parseScheduleFlag('constant')).toEqual({ type: 'constant' });
    expect(parseScheduleFlag('cosine')).toEqual({ type: 'cosine' });
    expect(parseScheduleFlag('cosine:warmup=0.25,min=0.0001')).toEqual({ type: 'cosine', warmupEpochs: 0.25, minLr: 0.0001 });
    expect(parseScheduleFlag('step:every=2,gamma=0.5')).toEqual({ type: 'step', everyEpochs: 2, gamma: 0.5 });
  });

  it('refuses bad spellings with a message naming the option', async () => {
    expect(() => parseScheduleFlag('linear')).toThrow(/unknown schedule "linear"/);
    expect(() => parseScheduleFlag('cosine:warm=1')).toThrow(/unknown option "warm" \(options: warmup, min\)/);
    expect(() => parseScheduleFlag('step:every=2,gamma=x')).toThrow(/gamma must be a number/);
    expect(() => parseScheduleFlag('step:gamma=0.5')).toThrow(/--schedule step: needs every=/);
    expect(() => parseScheduleFlag('step:every=1,gamma=3')).toThrow(/gamma must be at most 1/);
    const r = await train(['--schedule', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--schedule: unknown schedule "nope"/);
  });

  it('a scheduled run is byte-identical when repeated, and differs from the constant rate', async () => {
    const a = await train(['--jsonl', '--epochs', '4', '--seed', '3', '--schedule', 'cosine:warmup=1']);
    const b = await train(['--jsonl', '--epochs', '4', '--seed', '3', '--schedule', 'cosine:warmup=1']);
    const flat = await train(['--jsonl', '--epochs', '4', '--seed', '3', '--schedule', 'constant']);
    expect(a.code).toBe(0);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(b.out).toBe(a.out);
    expect(flat.out).not.toBe(a.out);
  });
});
