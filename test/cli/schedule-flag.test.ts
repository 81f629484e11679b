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

describe('the schedule spans the run actually trained', () => {
  it('an epochs override (--epochs) is where a cosine schedule ends', async () => {
    const { TrainingSession } = await import('../../core/session/session');
    const { loadExample } = await import('../helpers/examples');
    const { createNodeResources } = await import('../../cli/resources');
    const g = loadExample('xor-mlp');
    expect(g.training.epochs).toBeGreaterThan(10);
    const s = await TrainingSession.create({ ...g, training: { ...g.training, schedule: { type: 'cosine' } } }, {
      resources: createNodeResources(EXAMPLES_DIR), epochs: 2, batchEvents: false, statsEvery: 0, gridSize: 0,
    });
    expect(s.trainer.learningRate()).toBe(g.training.optimizer.lr);
    expect(await s.start()).toBe('done');
    // After the 2 epochs trained the rate has come down to 0, not to its value 2 epochs into the graph's run.
    expect(s.trainer.learningRate()).toBeCloseTo(0, 12);
  });
});
