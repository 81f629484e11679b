import { describe, expect, it } from 'vitest';
import { loadExample } from '../../helpers/examples';
import { createRunStore, type RunMeta } from '../../../renderer/training/run-store';
import { createPreviewAsker, PREVIEW_ASK_MS, type Clock } from '../../../renderer/training/preview/preview-asker';
import { frame } from './frames';

const graph = loadExample('shapes-cnn');
const meta = (id: string): RunMeta => ({ id, name: id, startedAt: '2025-01-01T00:00:00.000Z', graph, options: { seed: 1 } });

/** A controller stand-in that records the inspect commands, and a clock the test moves by hand. */
function setup(nodeId = 'c1', type = 'Conv2D') {
  const store = createRunStore();
  const asked: string[] = [];
  const target = { store, inspectedExample: 0, inspect: (runId: string, node: string, example: number) => asked.push(`${runId}:${node}:${example}`) };
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = { now: () => now, later: (fn, ms) => timers.push({ at: now + ms, fn }), cancel: () => timers.splice(0) };
  const tick = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).filter((x) => x.at <= now)) t.fn();
  };
  const asker = createPreviewAsker(target, nodeId, type, clock);
  store.subscribe(asker.consider);
  return { store, target, asked, tick, asker };
}

describe('node preview: when it asks the worker', () => {
  it('asks nothing without a run, or while the run is starting', () => {
    const { store, asked, asker } = setup();
    asker.consider();
    store.add(meta('r1'));
    expect(asked).toEqual([]);
  });

  it('asks once per step and example, never twice for the same', () => {
    const { store, target, asked, tick } = setup();
    store.add(meta('r1'));
    store.applyFrame(frame('r1', { state: 'paused', step: 1 }));
    expect(asked).toEqual(['r1:c1:0']);
    // The answer arriving (a store change) and more frames at the same step ask nothing new.
    store.applyFrame(frame('r1', { state: 'paused', step: 1 }));
    tick(5 * PREVIEW_ASK_MS);
    store.applyFrame(frame('r1', { state: 'paused', step: 1 }));
    expect(asked).toEqual(['r1:c1:0']);
    // A Step: asked about at once (the last question was long enough ago).
    store.applyFrame(frame('r1', { state: 'paused', step: 2 }));
    expect(asked).toEqual(['r1:c1:0', 'r1:c1:0']);
    target.inspectedExample = 3;
    tick(PREVIEW_ASK_MS);
    store.setActive('r1');
    expect(asked.at(-1)).toBe('r1:c1:3');
  });

  it('while training, asks at most once per interval', () => {
    const { store, asked, tick } = setup();
    store.add(meta('r1'));
    for (let step = 1; step <= 30; step++) {
      store.applyFrame(frame('r1', { state: 'running', step }));
      tick(PREVIEW_ASK_MS / 10);
    }
    // 30 frames over 3 intervals: the first at once, then one per interval.
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked.length).toBeLessThanOrEqual(4);
  });

  it('asks nothing for a node the run does not have under that id and kind', () => {
    const other = setup('c1', 'Dense');
    other.store.add(meta('r1'));
    other.store.applyFrame(frame('r1', { state: 'paused', step: 1 }));
    expect(other.asked).toEqual([]);
    const missing = setup('nope', 'Conv2D');
    missing.store.add(meta('r1'));
    missing.store.applyFrame(frame('r1', { state: 'paused', step: 1 }));
    expect(missing.asked).toEqual([]);
  });
});
