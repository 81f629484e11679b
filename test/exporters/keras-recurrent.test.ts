import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECURRENT_WEIGHTS_PYTHON } from '../../core/exporters/keras/emit-recurrent';
import { exportKeras } from '../../core/exporters/keras';
import { recurrentGraphs } from './helpers/recurrent-graphs';
import { hasPythonModule, runPython } from './helpers/python';

/**
 * TensorFlow cannot be installed here, so the Keras export of the recurrent layers is checked in two
 * parts: the weight conversion the script uses (run with numpy, against torch, through a forward pass
 * written from Keras' documented equations — GRU with reset_after=True), and the generated layers.
 */
describe.skipIf(!hasPythonModule('torch'))('Keras recurrent weight conversion (numpy + torch)', () => {
  it('turns NetLoom\'s layout into kernels Keras\' equations run to torch\'s outputs, and back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-rnn-'));
    try {
      const path = join(dir, 'conversion.py');
      writeFileSync(path, RECURRENT_WEIGHTS_PYTHON);
      const r = JSON.parse(runPython([join(import.meta.dirname, 'keras_recurrent_weights.py'), path])) as Record<string, { shapes: number[][]; forward: number; round_trip: number; back_shapes: number[][] }>;
      expect(r.SimpleRNN!.shapes).toEqual([[3, 4], [4, 4], [4]]);
      expect(r.LSTM!.shapes).toEqual([[3, 16], [4, 16], [16]]);
      expect(r.GRU!.shapes).toEqual([[3, 12], [4, 12], [2, 12]]);
      for (const kind of ['SimpleRNN', 'LSTM', 'GRU']) {
        expect(r[kind]!.forward, kind).toBeLessThan(1e-10);
        expect(r[kind]!.round_trip, kind).toBeLessThan(1e-10);
      }
      expect(r.LSTM!.back_shapes).toEqual([[16, 3], [16, 4], [16], [16]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Keras export of the recurrent layers', () => {
  it('writes Embedding, SimpleRNN, LSTM and GRU (reset_after) layers and the conversion table', () => {
    const scripts = recurrentGraphs().map(({ graph }) => String(exportKeras(graph)[0]!.contents));
    const all = scripts.join('\n');
    expect(all).toContain('layers.Embedding(4, 3, name=');
    expect(all).toContain('layers.LSTM(5, return_sequences=False, name=');
    expect(all).toContain('layers.GRU(4, return_sequences=True, reset_after=True, name=');
    expect(all).toContain('layers.SimpleRNN(4, return_sequences=True, name=');
    expect(scripts[0]).toMatch(/RECURRENT_LAYERS = \{\n {4}"[^"]+": "LSTM",\n\}/);
    expect(scripts[0]).toContain('arrays = recurrent_to_keras(RECURRENT_LAYERS[layer_name], arrays)');
  });
});
