import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { EXAMPLES_DIR } from '../helpers/examples';

async function trainJsonl(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['train', resolve(EXAMPLES_DIR, 'xor-mlp.json'), '--jsonl', ...args], {
    out: (t) => { out += t; }, err: () => {}, isTTY: false,
  });
  return { code, out };
}

describe('netloom train --jsonl', () => {
  it('is byte-identical for the same seed and differs for another', async () => {
    const a = await trainJsonl(['--epochs', '5', '--seed', '3']);
    const b = await trainJsonl(['--epochs', '5', '--seed', '3']);
    const c = await trainJsonl(['--epochs', '5', '--seed', '4']);
    expect(a.code).toBe(0);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  });

  it('ends with the done event in the documented shape', async () => {
    const { out } = await trainJsonl(['--epochs', '2']);
    const last = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(Object.keys(last)).toEqual(['type', 'epoch', 'train', 'validation']);
    expect(last.type).toBe('done');
    expect(last.epoch).toBe(2);
    expect(Object.keys(last.train)).toEqual(['loss', 'accuracy']);
    expect(Object.keys(last.validation)).toEqual(['loss', 'accuracy']);
  });
});

describe('netloom train --jsonl on an LSTM graph', () => {
  it('is byte-identical for the same seed (Embedding + LSTM on copy-first)', async () => {
    const run = async (seed: string) => {
      let out = '';
      const code = await main(['train', resolve(EXAMPLES_DIR, 'copy-first-lstm.json'), '--jsonl', '--epochs', '1', '--seed', seed], {
        out: (t) => { out += t; }, err: () => {}, isTTY: false,
      });
      return { code, out };
    };
    const a = await run('3');
    const b = await run('3');
    const c = await run('4');
    expect(a.code).toBe(0);
    expect(a.out.split('\n').filter((l) => l.includes('"type":"batch"')).length).toBe(200);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  }, 120_000);
});
