import { convGeometry } from '../../catalog/nodes/conv-layer';
import { poolGeometry } from '../../catalog/nodes/pool-layer';
import { windowCount, type Window2D } from '../../catalog/spatial';
import { ExportError, type ExportNode } from '../export-model';
import { pyFloat, pyLiteral } from '../python/identifiers';
import type { TorchNodeCode } from './emit-nodes';

const callModule = (self: string, inputs: string[]) => `${self}(${inputs[0]})`;

/** Padding as PyTorch takes it: one number per axis when both sides agree, else null (pad explicitly). */
function symmetricPadding(rank: 1 | 2, g: Window2D): string | null {
  if (g.padLeft !== g.padRight || g.padTop !== g.padBottom) return null;
  return rank === 2 ? (g.padTop === g.padLeft ? `${g.padLeft}` : `(${g.padTop}, ${g.padLeft})`) : `${g.padLeft}`;
}

/** A padding module for 'same' with an odd total: F.pad order is (left, right[, top, bottom]). */
function padModule(rank: 1 | 2, g: Window2D, value: string): string {
  const sides = rank === 2 ? `(${g.padLeft}, ${g.padRight}, ${g.padTop}, ${g.padBottom})` : `(${g.padLeft}, ${g.padRight})`;
  return `nn.ConstantPad${rank}d(${sides}, ${value})`;
}

/** Conv1D/Conv2D as nn.Conv1d/2d; the weight layout [F, C/groups, (kh,) kw] is the same, so no transpose. */
export function torchConv(node: ExportNode, rank: 1 | 2): TorchNodeCode {
  const p = node.params;
  const r = convGeometry(rank, p, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  const g = r.g;
  const pad = symmetricPadding(rank, g);
  const conv = `nn.Conv${rank}d(${g.C}, ${p.filters}, ${p.kernelSize}, stride=${p.stride}, padding=${pad ?? 0}, dilation=${p.dilation}, groups=${p.groups}, bias=${pyLiteral(p.bias)})`;
  const prefix = pad === null ? '1.' : '';
  return {
    module: pad === null ? `nn.Sequential(${padModule(rank, g, '0.0')}, ${conv})` : conv,
    call: callModule,
    weights: [{ param: 'W', path: `${prefix}weight`, transposed: false }, ...(p.bias ? [{ param: 'b', path: `${prefix}bias`, transposed: false }] : [])],
  };
}

/**
 * Max/average pooling with the node's ceil_mode and (average) count_include_pad. PyTorch pads both sides
 * alike and at most half a window; other padding is a ConstantPad in front, which PyTorch's rules then
 * see as input: exact for max (−∞) and for counted zeros, when the pre-padded input gives the same windows.
 */
export function torchPool(node: ExportNode, op: 'max' | 'avg', rank: 1 | 2): TorchNodeCode {
  const r = poolGeometry(rank, node.params, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  const g = r.g;
  const k = node.params.poolSize as number;
  const ceil = node.params.ceilMode === true;
  const countPad = node.params.countIncludePad !== false;
  if (op === 'avg' && (g.dh > 1 || g.dw > 1)) throw new ExportError(`node "${node.id}" (${node.type}): PyTorch's average pools have no dilation; use dilation 1 (or a MaxPool) to export it to PyTorch`);
  const sym = symmetricPadding(rank, g);
  const pad = sym !== null && Math.max(g.padTop, g.padLeft) <= Math.floor(k / 2) ? sym : null;
  if (pad === null) {
    const what = `node "${node.id}" (${node.type}): PyTorch pools pad both sides alike and at most half a window, so this padding goes in front as zeros`;
    if (op === 'avg' && !countPad) throw new ExportError(`${what}, which count_include_pad=False cannot leave out; use countIncludePad true or an even padding of at most ${Math.floor(k / 2)}`);
    const effH = g.dh * (g.kh - 1) + 1, effW = g.dw * (g.kw - 1) + 1;
    const same = windowCount(g.H + g.padTop + g.padBottom, 0, 0, effH, g.sh, ceil) === g.Ho && windowCount(g.W + g.padLeft + g.padRight, 0, 0, effW, g.sw, ceil) === g.Wo;
    if (!same) throw new ExportError(`${what}, and ceil_mode would then add a window that starts in the end padding; use ceilMode false or even padding`);
  }
  const extra = `${ceil ? ', ceil_mode=True' : ''}${op === 'avg' ? `, count_include_pad=${countPad ? 'True' : 'False'}` : ''}`;
  const dil = g.dw > 1 ? `, dilation=${g.dw}` : '';
  const pool = `nn.${op === 'max' ? 'Max' : 'Avg'}Pool${rank}d(${k}, stride=${g.sw}, padding=${pad ?? 0}${dil}${extra})`;
  // A padded cell must never win a max: pad with -inf there (as PyTorch's own padding does).
  const module = pad === null ? `nn.Sequential(${padModule(rank, g, op === 'max' ? 'float("-inf")' : '0.0')}, ${pool})` : pool;
  return { module, call: callModule, weights: [] };
}

/**
 * LRN as nn.LocalResponseNorm (alpha divided by size, as NetLoom). PyTorch puts an even window's extra
 * channel before, ONNX and NetLoom after: reversing the channels around it swaps the two, exactly.
 * It needs a 3-D or larger input, so [B, C] gets a length-1 axis around it.
 */
export function torchLrn(node: ExportNode): TorchNodeCode {
  const p = node.params;
  const size = p.size as number;
  const flat = node.inputShapes[0]!.length === 1;
  const flip = size % 2 === 0;
  return {
    module: `nn.LocalResponseNorm(${size}, alpha=${pyFloat(p.alpha as number)}, beta=${pyFloat(p.beta as number)}, k=${pyFloat(p.bias as number)})`,
    call: (self, [a]) => {
      let x = flat ? `${a}.unsqueeze(-1)` : a!;
      x = flip ? `${self}(torch.flip(${x}, [1])).flip(1)` : `${self}(${x})`;
      return flat ? `${x}.squeeze(-1)` : x;
    },
    weights: [],
  };
}

export function torchGlobalAvgPool(node: ExportNode): TorchNodeCode {
  const rank = node.inputShapes[0]!.length;
  const dims = rank === 2 ? '2' : `(${Array.from({ length: rank - 1 }, (_, i) => i + 2).join(', ')})`;
  return { call: (_s, [a]) => `${a}.mean(dim=${dims})`, weights: [] };
}

/** BatchNorm1d for [C] and [C, L], BatchNorm2d for [C, H, W]; running statistics are module buffers. */
export function torchBatchNorm(node: ExportNode): TorchNodeCode {
  const p = node.params;
  const x = node.inputShapes[0]!;
  const dim = x.length === 3 ? 2 : 1;
  return {
    module: `nn.BatchNorm${dim}d(${x[0]}, eps=${pyFloat(p.epsilon as number)}, momentum=${pyFloat(p.momentum as number)}, affine=${pyLiteral(p.affine)})`,
    call: callModule,
    weights: [
      ...(p.affine ? [{ param: 'gamma', path: 'weight', transposed: false }, { param: 'beta', path: 'bias', transposed: false }] : []),
      { param: 'runningMean', path: 'running_mean', transposed: false },
      { param: 'runningVar', path: 'running_var', transposed: false },
    ],
  };
}

export function torchReshape(node: ExportNode): TorchNodeCode {
  return { call: (_s, [a]) => `${a}.reshape(${a}.shape[0], ${node.shape.join(', ')})`, weights: [] };
}

export function torchPermute(node: ExportNode): TorchNodeCode {
  // NetLoom's axes are 1-based without the batch axis, which is exactly PyTorch's numbering with batch 0.
  return { call: (_s, [a]) => `${a}.permute(0, ${(node.params.axes as number[]).join(', ')})`, weights: [] };
}
