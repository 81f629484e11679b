import { poolGeometry } from '../../catalog/nodes/pool-layer';
import type { Window2D } from '../../catalog/spatial';
import { ExportError, type ExportNode } from '../export-model';

/**
 * How a NetLoom pool becomes a Keras pooling layer, which has no ceil mode, no per-side padding and one
 * divisor rule per padding mode ('valid': whole windows; 'same': TensorFlow's split, padding left out).
 * - 'valid': no padding at all, whole windows.
 * - 'same': Keras' own 'same' gives exactly NetLoom's windows (and, for average, its divisor).
 * - 'pad': explicit padding in front, then 'valid' — zeros for an average that counts them; −∞ for max
 *   (the Python script only: the model file has no −∞ padding layer). `pads` include the extra zeros a
 *   ceil-mode window reaches past the padded map, which only max can take (they never win).
 * Anything else is refused naming the node.
 */
export type KerasPoolPlan = { mode: 'valid' | 'same'; g: Window2D } | { mode: 'pad'; g: Window2D; pads: { top: number; bottom: number; left: number; right: number } };

/** TensorFlow's 'same' padding before the window on one axis (the rest goes after). */
function tfSamePadBefore(n: number, k: number, s: number): number {
  return Math.floor(Math.max((Math.ceil(n / s) - 1) * s + k - n, 0) / 2);
}

export function kerasPoolPlan(node: ExportNode, op: 'max' | 'avg', rank: 1 | 2): KerasPoolPlan {
  const r = poolGeometry(rank, node.params, node.inputShapes[0]!);
  if (!r.ok) throw new ExportError(`node "${node.id}": ${r.message}`);
  const g = r.g;
  if (g.dh > 1 || g.dw > 1) throw new ExportError(`node "${node.id}" (${node.type}) cannot be written as a Keras pooling layer: Keras pools have no dilation; use dilation 1`);
  // Ceil mode's last windows may reach past the padded map: by this much at the bottom and right.
  const extBottom = Math.max(0, (g.Ho - 1) * g.sh + g.kh - (g.H + g.padTop + g.padBottom));
  const extRight = Math.max(0, (g.Wo - 1) * g.sw + g.kw - (g.W + g.padLeft + g.padRight));
  const anyPad = g.padTop + g.padBottom + g.padLeft + g.padRight > 0;
  const anyExt = extBottom + extRight > 0;
  if (!anyPad && !anyExt) return { mode: 'valid', g };
  const sameAsTf = Math.ceil(g.H / g.sh) === g.Ho && Math.ceil(g.W / g.sw) === g.Wo
    && tfSamePadBefore(g.H, g.kh, g.sh) === g.padTop && tfSamePadBefore(g.W, g.kw, g.sw) === g.padLeft;
  const countPad = node.params.countIncludePad !== false;
  // Max never picks padding, so TF's 'same' is exact whenever its windows are NetLoom's; so is average
  // when padding is left out of the divisor, or when the only overhang is ceil mode's (never counted).
  if (sameAsTf && (op === 'max' || !countPad || !anyPad)) return { mode: 'same', g };
  const pads = { top: g.padTop, bottom: g.padBottom + extBottom, left: g.padLeft, right: g.padRight + extRight };
  if (op === 'max' || (!anyExt && countPad)) return { mode: 'pad', g, pads };
  const why = !countPad
    ? 'the divisor leaves padding out (countIncludePad false), which Keras does only for its own "same" padding, not this one'
    : 'a ceil-mode window reaches past the padding, and Keras would count the zeros it has to add there';
  throw new ExportError(`node "${node.id}" (${node.type}) cannot be written as a Keras pooling layer: ${why}; use padding "same" or "valid"${node.params.ceilMode ? ', or ceilMode false' : ''}`);
}
