import { describe, expect, it } from 'vitest';
import type { FeatureMapsResult, HiddenStateResult } from '../../../core/protocol/engine';
import { featureMapsImage, hiddenStateImage, PREVIEW_MAPS_1D, PREVIEW_MAPS_2D, PREVIEW_UNITS } from '../../../renderer/training/preview/preview-image';
import { diverging, sequential } from '../../../renderer/training/charts/palette';

const maps = (channels: number, height: number, width: number, at: (c: number, i: number) => number): FeatureMapsResult => ({
  type: 'featureMaps', runId: 'r', nodeId: 'c1', example: 0, channels, height, width,
  values: Float32Array.from({ length: channels * height * width }, (_, k) => at(Math.floor(k / (height * width)), k % (height * width))),
});

/** The RGB of one picture pixel. */
function pixel(img: { width: number; rgba: Uint8ClampedArray }, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return [img.rgba[i]!, img.rgba[i + 1]!, img.rgba[i + 2]!, img.rgba[i + 3]!];
}
const rounded = (c: readonly number[]) => [...c.map((v) => Math.round(v)), 255];

describe('node preview pictures', () => {
  it('puts the first four 2D maps side by side, one pixel apart, each scaled to its own range', () => {
    // Channel c rises from c to c + 3 over its 2 × 2 plane: every channel spans white → blue on its own.
    const img = featureMapsImage(maps(16, 2, 2, (c, i) => c + i));
    expect(img.shown).toBe(PREVIEW_MAPS_2D);
    expect([img.width, img.height]).toEqual([4 * 3 - 1, 2]);
    for (let ch = 0; ch < 4; ch++) {
      expect(pixel(img, ch * 3, 0)).toEqual(rounded(sequential(0)));
      expect(pixel(img, ch * 3 + 1, 1)).toEqual(rounded(sequential(1)));
    }
    // The gap column between maps stays transparent.
    expect(pixel(img, 2, 0)[3]).toBe(0);
  });

  it('shows fewer maps when the layer has fewer channels, and a 1D layer as stacked strips', () => {
    expect(featureMapsImage(maps(2, 3, 3, () => 1)).shown).toBe(2);
    const strips = featureMapsImage(maps(12, 1, 5, (c, i) => (c === 1 ? -i : i)));
    expect(strips.shown).toBe(PREVIEW_MAPS_1D);
    expect([strips.width, strips.height]).toEqual([5, PREVIEW_MAPS_1D]);
    // Row 1 is channel 1, which falls: bright on the left, white on the right.
    expect(pixel(strips, 0, 1)).toEqual(rounded(sequential(1)));
    expect(pixel(strips, 4, 1)).toEqual(rounded(sequential(0)));
  });

  it('draws a hidden state as steps × units in tanh\'s range, capped at the first units', () => {
    const steps = 3, units = 40;
    const h: HiddenStateResult = {
      type: 'hiddenState', runId: 'r', nodeId: 'rnn', example: 0, steps, units,
      values: Float32Array.from({ length: steps * units }, (_, k) => (Math.floor(k / units) - 1)), // step 0: −1, 1: 0, 2: +1
    };
    const img = hiddenStateImage(h);
    expect(img.shown).toBe(PREVIEW_UNITS);
    expect([img.width, img.height]).toEqual([steps, PREVIEW_UNITS]);
    expect(pixel(img, 0, 5)).toEqual(rounded(diverging(0)));
    expect(pixel(img, 1, 5)).toEqual(rounded(diverging(0.5)));
    expect(pixel(img, 2, PREVIEW_UNITS - 1)).toEqual(rounded(diverging(1)));
  });
});
