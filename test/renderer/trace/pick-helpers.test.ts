import { describe, expect, it } from 'vitest';
import type { TraceRowsResult } from '../../../core/protocol/trace';
import { decisionSquare } from '../../../renderer/training/charts/decision-draw';
import { nearestPoint, pointPixel, PICK_PX } from '../../../renderer/trace/TracePickLayer';
import { pickKind, pictureOf, sequenceText } from '../../../renderer/trace/TraceExamplePicker';

const rows = (shape: number[], inputs: number[], labels: number[]): TraceRowsResult => ({
  type: 'traceRows', runId: 'r', count: labels.length, shape, inputs: Float32Array.from(inputs), labels: Float32Array.from(labels),
});

describe('picking a training point on the decision chart', () => {
  const points = { xy: Float32Array.of(0, 0, 1, 1, -1, -1, 0.02, 0), labels: Float32Array.of(0, 1, 1, 0) };
  const plane = { xRange: [-2, 2] as [number, number], yRange: [-2, 2] as [number, number] };
  const w = 236, h = 224;

  it('maps points into the chart square the way the chart draws them (y up)', () => {
    const { x0, y0, side } = decisionSquare(w, h);
    expect(pointPixel(points, 0, plane, w, h)).toEqual({ x: x0 + side / 2, y: y0 + side / 2 });
    const top = pointPixel(points, 1, plane, w, h);
    expect(top.x).toBeCloseTo(x0 + side * 0.75);
    expect(top.y).toBeCloseTo(y0 + side * 0.25);
  });

  it('picks the nearest point within a few pixels, nothing farther away', () => {
    const at = (i: number) => pointPixel(points, i, plane, w, h);
    expect(nearestPoint(points, plane, w, h, at(1).x + 2, at(1).y - 2)).toBe(1);
    expect(nearestPoint(points, plane, w, h, at(2).x, at(2).y)).toBe(2);
    // Rows 0 and 3 are less than a pixel apart: the click goes to the closer one.
    expect(nearestPoint(points, plane, w, h, at(3).x + 0.3, at(3).y)).toBe(3);
    expect(nearestPoint(points, plane, w, h, at(0).x - 0.3, at(0).y)).toBe(0);
    expect(nearestPoint(points, plane, w, h, at(1).x + PICK_PX + 1, at(1).y)).toBeNull();
  });
});

describe('the picture strip and the sequence list', () => {
  it('knows pictures (grey as the validation grid reads them, colour channels first) from other shapes', () => {
    expect(pictureOf([784])).toEqual({ width: 28, height: 28, channels: 1 });
    expect(pictureOf([3, 16, 16])).toEqual({ width: 16, height: 16, channels: 3 });
    expect(pictureOf([2])).toBeNull();
    expect(pictureOf([8, 12])).toEqual({ width: 12, height: 8, channels: 1 });
    expect(pictureOf([30])).toBeNull();
  });

  it('shows token ids and one-hot steps as text, and real-valued steps as no text', () => {
    expect(sequenceText(rows([3], [1, 0, 2, 3, 3, 1], [0, 1]), 1)).toBe('3 3 1');
    expect(sequenceText(rows([2, 3], [0, 0, 1, 1, 0, 0], [2]), 0)).toBe('2 0');
    expect(sequenceText(rows([2, 3], [0, 0.5, 1, 1, 0, 0], [2]), 0)).toBeNull();
  });

  it('chooses the picker by the data: token tasks and [T, F] sequences list, 2D and tables do not', () => {
    expect(pickKind(rows([4], [1, 0, 1, 1], [1]), 'parity')).toBe('sequence');
    expect(pickKind(rows([4], [5.1, 3.5, 1.4, 0.2], [0]), 'iris')).toBeNull();
    expect(pickKind(rows([2], [0, 1], [0]), 'xor')).toBeNull();
    expect(pickKind(rows([3, 4], new Array(12).fill(0), [0]), 'sequence')).toBe('sequence');
    expect(pickKind(rows([784], new Array(784).fill(0), [3]), 'mnist')).toBe('image');
    expect(pickKind(rows([2], [], []), 'xor')).toBeNull();
  });
});
