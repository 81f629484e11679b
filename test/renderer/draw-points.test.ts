import { describe, expect, it } from 'vitest';
import { loadExample } from '../helpers/examples';
import { addPoint, drawableClasses, drawnPoints, erasePoints, setOnlyDrawn } from '../../renderer/draw/points-edit';

describe('hand-drawn points in the graph', () => {
  const xor = loadExample('xor-mlp');

  it('offers one class button per class of the 2D classification sets, none for other data', () => {
    expect(drawableClasses({ name: 'xor' })).toBe(2);
    expect(drawableClasses({ name: 'gaussians', classes: 5 })).toBe(5);
    expect(drawableClasses({ name: 'gaussians' })).toBe(2);
    expect(drawableClasses({ name: 'mnist' })).toBeNull();
  });

  it('adds and erases points as new graphs, leaving the original untouched', () => {
    const a = addPoint(addPoint(xor, 1.23456, -2, 1), 4, 4, 0);
    expect(drawnPoints(a)).toEqual([{ x: 1.235, y: -2, label: 1 }, { x: 4, y: 4, label: 0 }]);
    expect(drawnPoints(xor)).toEqual([]);
    const b = erasePoints(a, 1.2, -2.1, 0.5);
    expect(drawnPoints(b)).toEqual([{ x: 4, y: 4, label: 0 }]);
    expect(erasePoints(b, -4, -4, 0.5)).toBe(b);
    expect(setOnlyDrawn(b, true).training.dataset.pointsMode).toBe('only');
    expect(setOnlyDrawn(b, false).training.dataset.pointsMode).toBe('add');
  });
});
