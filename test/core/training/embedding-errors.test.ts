import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../core/protocol/events';
import { SessionEvent as SessionEventSchema } from '../../../core/protocol/events';
import { TrainingSession } from '../../../core/session/session';
import { createNodeResources } from '../../../cli/resources';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

/** A run whose Embedding meets values that are not its tokens stops with a data error naming the node. */
async function errorOf(edit: (g: ReturnType<typeof loadExample>) => void): Promise<SessionEvent> {
  const graph = loadExample('copy-first-lstm');
  graph.training = { ...graph.training, dataset: { ...graph.training.dataset, samples: 100 } };
  edit(graph);
  const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), batchEvents: false, statsEvery: 0, gridSize: 0 });
  const events: SessionEvent[] = [];
  session.on((e) => events.push(e));
  expect(await session.start()).toBe('error');
  const error = events.find((e) => e.type === 'error')!;
  expect(SessionEventSchema.safeParse(error).success).toBe(true);
  return error;
}

describe('Embedding fed values that are not its tokens', () => {
  it('a vocabulary too small for the data: a dataset error on node "emb" with the fix', async () => {
    const e = await errorOf((g) => { g.nodes.find((n) => n.id === 'emb')!.params.vocabSize = 3; });
    expect(e).toMatchObject({ type: 'error', code: 'dataset', nodeId: 'emb', suggestion: expect.stringContaining('raise vocabSize to at least 4') });
    if (e.type === 'error') expect(e.message).toMatch(/^node "emb": Embedding \(vocabSize 3\): input value 3 at position \d+ of example \d+ is outside 0 … 2$/);
  });
});
