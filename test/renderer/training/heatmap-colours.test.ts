import { describe, expect, it } from 'vitest';
import { divergingInto, sequentialInto } from '../../../renderer/training/charts/palette';

/** The decision heatmap writes its colours straight into the image bytes; these are the colours a learner reads. */
describe('heatmap colours written in place', () => {
  it('probability: class 0 blue at 0, paper white at 0.5, class 1 orange at 1, linear between, clamped outside', () => {
    const px = new Uint8ClampedArray(4 * 7);
    [0, 0.25, 0.5, 0.75, 1, -3, 7].forEach((t, i) => divergingInto(t, px, 4 * i));
    const at = (i: number) => [...px.slice(4 * i, 4 * i + 3)];
    expect(at(0)).toEqual([37, 99, 235]);
    expect(at(1)).toEqual([142, 174, 244]); // halfway from blue to paper (x.5 rounds to even in canvas bytes)
    expect(at(2)).toEqual([248, 250, 252]);
    expect(at(3)).toEqual([241, 169, 132]);
    expect(at(4)).toEqual([234, 88, 12]);
    expect(at(5)).toEqual(at(0));
    expect(at(6)).toEqual(at(4));
    // Only the colour bytes are written: alpha is the caller's.
    expect(px[3]).toBe(0);
  });

  it('value: paper white at 0 to deep blue at 1, written at the offset given', () => {
    const px = new Uint8ClampedArray(8);
    sequentialInto(0, px, 0);
    sequentialInto(1, px, 4);
    expect([...px]).toEqual([248, 250, 252, 0, 30, 64, 175, 0]);
  });
});
