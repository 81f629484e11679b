import type { FeatureMapsResult, HiddenStateResult } from '../../../core/protocol/engine';
import { channelRange } from '../charts/feature-maps-layout';
import { diverging, sequential } from '../charts/palette';

/** Pictures of 2D maps side by side on a node: four fit a node's width at a readable size. */
export const PREVIEW_MAPS_2D = 4;
/** Rows of a 1D layer's preview (one strip per channel). */
export const PREVIEW_MAPS_1D = 8;
/** Rows of a recurrent layer's preview: more units than this are left to the Layers tab. */
export const PREVIEW_UNITS = 32;

/** A tiny RGBA picture, one pixel per value, scaled up on the node's canvas without smoothing. */
export interface PreviewImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  /** How many maps (channels) or units it shows. */
  shown: number;
}

function put(img: PreviewImage, x: number, y: number, c: readonly [number, number, number]): void {
  const i = (y * img.width + x) * 4;
  img.rgba[i] = c[0];
  img.rgba[i + 1] = c[1];
  img.rgba[i + 2] = c[2];
  img.rgba[i + 3] = 255;
}

function blank(width: number, height: number, shown: number): PreviewImage {
  return { width, height, rgba: new Uint8ClampedArray(width * height * 4), shown };
}

/**
 * The first channels of one example's feature maps, each scaled to its own range like the Layers
 * tab's (white low, blue high): 2D maps side by side with a one-pixel gap, 1D maps as stacked strips.
 */
export function featureMapsImage(m: FeatureMapsResult): PreviewImage {
  const plane = m.height * m.width;
  const oneD = m.height === 1;
  const shown = Math.min(m.channels, oneD ? PREVIEW_MAPS_1D : PREVIEW_MAPS_2D);
  const img = oneD ? blank(m.width, Math.max(1, shown), shown) : blank(Math.max(1, shown * (m.width + 1) - 1), m.height, shown);
  for (let ch = 0; ch < shown; ch++) {
    const { min, span } = channelRange(m.values, ch, plane);
    for (let r = 0; r < m.height; r++) {
      for (let col = 0; col < m.width; col++) {
        const v = m.values[ch * plane + r * m.width + col]!;
        const colour = sequential(span > 0 ? (v - min) / span : 0);
        if (oneD) put(img, col, ch, colour);
        else put(img, ch * (m.width + 1) + col, r, colour);
      }
    }
  }
  return img;
}

/** A recurrent layer's hidden state over time: steps left to right, units top to bottom, −1 blue … +1 orange. */
export function hiddenStateImage(h: HiddenStateResult): PreviewImage {
  const shown = Math.min(h.units, PREVIEW_UNITS);
  const img = blank(Math.max(1, h.steps), Math.max(1, shown), shown);
  for (let t = 0; t < h.steps; t++) {
    for (let u = 0; u < shown; u++) put(img, t, u, diverging((h.values[t * h.units + u]! + 1) / 2));
  }
  return img;
}
