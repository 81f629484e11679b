import { convGeometry } from '../../catalog/nodes/conv-layer';
import { poolGeometry } from '../../catalog/nodes/pool-layer';
import type { Window2D } from '../../catalog/spatial';
import type { ExportNode } from '../export-model';
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

/** Max/average pooling; average counts padding zeros (count_include_pad=True), as NetLoom does. */
export function torchPool(node: ExportNode, op: 'max' | 'avg', rank: 1 | 2): TorchNodeCode {
  const r = poolGeometry(rank, node.params, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  const g = r.g;
  const pad = symmetricPadding(rank, g);
  const k = node.params.poolSize as number;
  const extra = op === 'avg' ? ', count_include_pad=True' : '';
  const pool = `nn.${op === 'max' ? 'Max' : 'Avg'}Pool${rank}d(${k}, stride=${g.sw}, padding=${pad ?? 0}${extra})`;
  // A padded cell must never win a max: pad with -inf there (as PyTorch's own padding does).
  const module = pad === null ? `nn.Sequential(${padModule(rank, g, op === 'max' ? 'float("-inf")' : '0.0')}, ${pool})` : pool;
  return { module, call: callModule, weights: [] };
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
