import { describe, expect, it } from 'vitest';
import { loadExample } from '../../helpers/examples';
import { createRunStore, type RunMeta } from '../../../renderer/training/run-store';
import { frame } from './frames';

const graph = loadExample('xor-mlp');
const meta: RunMeta = { id: 'r1', name: 'r1', startedAt: '2025-01-01T00:00:00.000Z', graph, options: { seed: 1 } };
const diag = (rule: string, epoch: number) => ({ type: 'diagnostic' as const, rule, node: 'a1', message: rule, fix: null, epoch, step: epoch * 4 });

describe('run store: advisor diagnostics', () => {
  it('keeps every diagnostic the worker reported, even on an otherwise empty paused frame, and forgets them on reset', () => {
    const store = createRunStore();
    store.add(meta);
    store.applyFrame(frame('r1', { step: 8, diagnostics: [diag('dead-units', 2)] }));
    store.applyFrame(frame('r1', { step: 12, state: 'paused' }));
    expect(store.applyFrame(frame('r1', { step: 12, state: 'paused', diagnostics: [diag('loss-plateau', 3)] }))).toBe(true);
    expect(store.get('r1')!.diagnostics!.map((d) => d.rule)).toEqual(['dead-units', 'loss-plateau']);
    store.applyFrame(frame('r1', { step: 0, state: 'ready' }));
    expect(store.get('r1')!.diagnostics).toBeUndefined();
  });
});
