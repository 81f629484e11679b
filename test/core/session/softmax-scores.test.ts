import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { applyFix } from '../../../core/lessons';
import { TrainingSession } from '../../../core/session/session';
import { softmaxScores } from '../../../core/session/softmax-scores';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

describe('softmaxScores', () => {
  it('gives the logits whose softmax is the prediction, for the first validation rows', async () => {
    const graph = loadExample('attention-sequence');
    const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 1, gridSize: 0 });
    session.step(5);
    const s = softmaxScores(session.trainer.exec, session.data.validation)!;
    expect(s.classes).toBe(2);
    expect(s.values).toHaveLength(8 * 2);
    expect(Array.from(s.labels)).toEqual(Array.from(session.data.validation.targets.subarray(0, 8)));
    const inSize = session.plan.tensors[session.plan.inputTensor]!.size;
    const probs = session.predict(session.data.validation.inputs.subarray(0, 8 * inSize), 8);
    for (let r = 0; r < 8; r++) {
      const [a, b] = [s.values[2 * r]!, s.values[2 * r + 1]!];
      const m = Math.max(a, b);
      expect(Math.exp(a - m) / (Math.exp(a - m) + Math.exp(b - m))).toBeCloseTo(probs[2 * r]!, 6);
    }
  });

  it('is null when the output is not a softmax', async () => {
    const graph = applyFix(loadExample('xor-mlp'), []);
    const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 1, gridSize: 0 });
    expect(softmaxScores(session.trainer.exec, session.data.validation)).toBeNull();
  });
});
