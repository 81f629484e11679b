import { describe, expect, it } from 'vitest';
import { parseRunsText, runsPathFor, serializeRuns, type RunRecord } from '../../../core/runs/runs-file';
import { loadExample } from '../../helpers/examples';

const run = (): RunRecord => ({
  id: 'r1', name: 'relu', startedAt: '2026-11-28T10:00:00.000Z', graph: loadExample('xor-mlp'), options: { epochs: 3, seed: 2 },
  state: 'done', epochs: [{ type: 'epoch', epoch: 1, train: { loss: 0.5, accuracy: 0.8 }, validation: { loss: 0.6, accuracy: 0.75 } }],
  batchLosses: [0.9, 0.7, 0.5], batchStride: 1,
});

describe('runs file', () => {
  it('saves and reopens runs identically, graph snapshot included', () => {
    const text = serializeRuns([run()]);
    const back = parseRunsText(text);
    expect(back).toEqual({ ok: true, runs: [run()] });
    expect(serializeRuns((back as { runs: RunRecord[] }).runs)).toBe(text);
  });

  it('refuses a damaged file with the field that is wrong', () => {
    const doc = JSON.parse(serializeRuns([run()]));
    doc.runs[0].state = 'exploded';
    const r = parseRunsText(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^runs\.0\.state: /);
    doc.runs[0].state = 'done';
    doc.runs[0].graph.nodes = 'none';
    const g = parseRunsText(JSON.stringify(doc));
    expect(!g.ok && g.message).toBe('runs[0].graph: nodes: must be an array, got "none"');
  });

  it('lives next to the graph file', () => {
    expect(runsPathFor('/home/ann/xor.json')).toBe('/home/ann/xor.runs.json');
    expect(runsPathFor('spiral')).toBe('spiral.runs.json');
  });
});
