import { describe, expect, it } from 'vitest';
import { windowGeometry, type Padding, type Window2D } from '../../../core/catalog/spatial';
import { col2imAdd, im2col } from '../../../core/kernels/im2col';
import { mulberry32 } from '../../../core/util/rng';

/*
 * im2col and col2imAdd against the definition, value by value, over geometries where the valid column
 * range of a row is clipped on the left, the right, both, or empty (padding wider than a strided kernel
 * reaches): the kernels compute that range once per row instead of testing every value.
 */
const cases: { input: [number, number, number]; kernel: number; stride: number; dilation: number; padding: Padding }[] = [
  { input: [1, 28, 28], kernel: 5, stride: 1, dilation: 1, padding: 2 },
  { input: [6, 14, 14], kernel: 5, stride: 1, dilation: 1, padding: 'valid' },
  { input: [2, 7, 9], kernel: 3, stride: 2, dilation: 1, padding: 'same' },
  { input: [3, 8, 5], kernel: 3, stride: 3, dilation: 2, padding: 4 },
  { input: [1, 5, 4], kernel: 2, stride: 2, dilation: 1, padding: 1 },
];

function geometry(c: (typeof cases)[number]): Window2D {
  const r = windowGeometry(c.input, { rank: 2, kernel: c.kernel, stride: c.stride, dilation: c.dilation, padding: c.padding, what: 'kernel' });
  if (!r.ok) throw new Error(r.message);
  return r.g;
}

/** The value im2col must put at (row, column): the input under that tap, or 0 in the padding. */
function expected(x: Float32Array, g: Window2D, c: number, i: number, j: number, oy: number, ox: number): number {
  const y = oy * g.sh - g.padTop + i * g.dh;
  const xx = ox * g.sw - g.padLeft + j * g.dw;
  return y >= 0 && y < g.H && xx >= 0 && xx < g.W ? x[(c * g.H + y) * g.W + xx]! : 0;
}

describe('im2col / col2imAdd', () => {
  for (const c of cases) {
    const name = `${c.input.join('×')}, k ${c.kernel}, stride ${c.stride}, dilation ${c.dilation}, padding ${c.padding}`;
    it(name, () => {
      const g = geometry(c);
      const rng = mulberry32(7);
      const x = Float32Array.from({ length: g.C * g.H * g.W }, () => rng.next() * 2 - 1);
      const P = g.Ho * g.Wo, K = g.C * g.kh * g.kw;
      const col = new Float32Array(K * P).fill(NaN); // every entry must be written
      im2col(x, 0, 0, g.C, g, col);
      const dcol = Float32Array.from({ length: K * P }, () => rng.next() * 2 - 1);
      const dx = new Float32Array(x.length);
      col2imAdd(dcol, 0, g.C, g, dx, 0);
      const dxWant = new Float64Array(x.length);
      let row = 0;
      for (let ch = 0; ch < g.C; ch++) {
        for (let i = 0; i < g.kh; i++) {
          for (let j = 0; j < g.kw; j++, row++) {
            for (let oy = 0; oy < g.Ho; oy++) {
              for (let ox = 0; ox < g.Wo; ox++) {
                expect(col[row * P + oy * g.Wo + ox]).toBe(expected(x, g, ch, i, j, oy, ox));
                const y = oy * g.sh - g.padTop + i * g.dh, xx = ox * g.sw - g.padLeft + j * g.dw;
                if (y >= 0 && y < g.H && xx >= 0 && xx < g.W) dxWant[(ch * g.H + y) * g.W + xx]! += dcol[row * P + oy * g.Wo + ox]!;
              }
            }
          }
        }
      }
      for (let k = 0; k < x.length; k++) expect(dx[k]).toBeCloseTo(dxWant[k]!, 5);
    });
  }
});
