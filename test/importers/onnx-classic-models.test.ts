/**
 * Whole classic image classifiers from torchvision (random weights, eval mode) — SqueezeNet 1.0 and 1.1,
 * GoogLeNet, AlexNet — exported by torch.onnx.export, import and predict like PyTorch (allclose rtol 1e-4,
 * atol 1e-6). They need partial-window (ceil_mode) max pooling, channel Concat and, for AlexNet, a
 * 9216-wide classifier. Made by test/fixtures/onnx/make_classic_models.py into a temp cache, one opset per
 * model; NETLOOM_CLASSIC_ALL_OPSETS=1 runs each at opsets 11, 13 and 17 (by hand: about four times longer).
 */
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../core/util/npy';
import { generateModels, importAndPredict, missingTools, readBytes, type Generated } from './helpers/classic-models';
import { maxRelativeError } from './helpers/relative-error';

const PARTS = ['torch'];
const missing = missingTools(PARTS);
const ALL_OPSETS = process.env.NETLOOM_CLASSIC_ALL_OPSETS === '1';
const models: Generated = missing ? { dir: '', cases: [] } : generateModels(PARTS, ALL_OPSETS ? ['--all-opsets'] : []);

describe.skipIf(missing !== null)(`torchvision classifiers through the ONNX importer${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('has SqueezeNet 1.0 and 1.1, GoogLeNet and AlexNet', () => {
    expect([...new Set(models.cases.map((c) => c.name.replace(/_op\d+$/, '')))].sort()).toEqual(['alexnet', 'googlenet', 'squeezenet1_0', 'squeezenet1_1']);
    if (ALL_OPSETS) expect(models.cases.length).toBe(12);
  });

  it.each(models.cases.map((c) => [c.name, c] as const))('%s predicts like PyTorch', (_name, c) => {
    const { graph, y } = importAndPredict(models.dir, c);
    const want = decodeNpy(readBytes(models.dir, c.y!));
    expect(y.shape).toEqual(want.shape);
    expect(maxRelativeError(y.data, want.data), `max relative error, ${c.name}`).toBeLessThan(1e-4);
    // SqueezeNet and GoogLeNet pool with ceil_mode at sizes where it adds partial windows.
    if (!c.name.startsWith('alexnet')) expect(graph.nodes.some((n) => n.params?.ceilMode === true), 'a ceil-mode pool').toBe(true);
  }, 120_000);
});
