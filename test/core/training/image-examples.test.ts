import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { imageExamples, imageSize } from '../../../core/session/image-examples';
import { TrainingSession } from '../../../core/session/session';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

describe('image inputs for the validation grid', () => {
  it('recognises square flat images and 2-D shapes, and nothing else', () => {
    expect(imageSize([784])).toEqual({ width: 28, height: 28 });
    expect(imageSize([28, 28])).toEqual({ width: 28, height: 28 });
    expect(imageSize([1, 28, 28])).toEqual({ width: 28, height: 28 });
    expect(imageSize([28, 28, 1])).toEqual({ width: 28, height: 28 });
    expect(imageSize([2])).toBeNull();
    expect(imageSize([100])).toBeNull(); // 10×10 is too small to be a picture worth drawing
    expect(imageSize([8, 3, 3])).toBeNull();
  });
});

describe('the validation grid pictures', () => {
  it('say which validation row each picture is, so a click can trace exactly that row', async () => {
    const graph = loadExample('mnist-mlp');
    graph.training.dataset = { ...graph.training.dataset, samples: 300 };
    const s = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), gridSize: 0, statsEvery: 0, batchEvents: false });
    const ex = imageExamples(s.trainer.exec, s.data.validation)!;
    const v = s.data.validation;
    expect(ex.rows.length).toBe(ex.predicted.length);
    expect(new Set(ex.rows).size).toBe(ex.rows.length);
    ex.rows.forEach((row, k) => {
      expect(ex.actual[k]).toBe(v.targets[row]);
      expect(Array.from(ex.pixels.subarray(k * 784, (k + 1) * 784))).toEqual(Array.from(v.inputs.subarray(row * 784, (row + 1) * 784)));
    });
  });
});
