import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { applyFix } from '../../../core/lessons';
import { NodeStats } from '../../../core/protocol/events';
import { TrainingSession } from '../../../core/session/session';
import { layerStats } from '../../../core/session/layer-stats';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

describe('layer statistics: parameter summaries', () => {
  it('report the mean, min and max of each tensor, e.g. a PReLU alpha as it learns', async () => {
    const graph = applyFix(loadExample('xor-mlp'), [{ node: 'a1', params: { fn: 'prelu' } }]);
    const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 1, gridSize: 0 });
    session.step(20);
    const stats = layerStats(session.trainer.exec, 10);
    const a1 = stats.find((s) => s.id === 'a1')!;
    expect(NodeStats.safeParse(a1).success).toBe(true);
    const pid = session.plan.params.findIndex((p) => p.node === 'a1' && p.name === 'alpha');
    const alpha = Array.from(session.trainer.exec.params[pid]!);
    expect(alpha).toHaveLength(8);
    expect(a1.params!.alpha!.mean).toBeCloseTo(alpha.reduce((s, v) => s + v, 0) / alpha.length, 12);
    expect(a1.params!.alpha!.min).toBe(Math.min(...alpha));
    expect(a1.params!.alpha!.max).toBe(Math.max(...alpha));
    // Twenty steps have moved alpha away from its start of 0.25 (it is trained, not fixed).
    expect(alpha.some((v) => Math.abs(v - 0.25) > 1e-6)).toBe(true);
    expect(stats.find((s) => s.id === 'd1')!.params!.W!.max).toBeGreaterThan(stats.find((s) => s.id === 'd1')!.params!.W!.min);
  });
});
