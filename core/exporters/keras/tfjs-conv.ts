import { convGeometry } from '../../catalog/nodes/conv-layer';
import type { Window2D } from '../../catalog/spatial';
import { ExportError, type ExportNode } from '../export-model';
import { kerasPoolPlan } from './pool-plan';
import type { KerasModelBuilder } from './tfjs-builder';

const CF = { data_format: 'channels_first' };

/**
 * The convolution family as Keras layers, channels first like NetLoom. TF.js Layers runs Conv2D, the 2-D
 * pools and GlobalAveragePooling2D channels first, but its 1-D pools and ZeroPadding1D only channels
 * last; so a 1-D op is done as the 2-D op on a height-1 image ([C, L] → [C, 1, L] → op → [C', L']),
 * which keeps every layer channels first and the kernels' numbers unchanged. Padding is always an
 * explicit ZeroPadding2D before a 'valid' op, so Keras computes exactly NetLoom's window geometry;
 * max pooling (which must pad with −∞) uses Keras' own 'same' when its padding is the same as NetLoom's.
 */
export function emitConvFamily(b: KerasModelBuilder, node: ExportNode, name: string, input: string, w: (param: string) => Float32Array): string | null {
  switch (node.type) {
    case 'Conv2D': return conv(b, node, name, input, w, 2);
    case 'Conv1D': return conv(b, node, name, input, w, 1);
    case 'MaxPool2D': return pool(b, node, name, input, 'max', 2);
    case 'AvgPool2D': return pool(b, node, name, input, 'avg', 2);
    case 'MaxPool1D': return pool(b, node, name, input, 'max', 1);
    case 'AvgPool1D': return pool(b, node, name, input, 'avg', 1);
    case 'GlobalAvgPool': {
      const x = node.inputShapes[0]!.length === 2 ? to2d(b, node, name, input) : input;
      return b.add('GlobalAveragePooling2D', name, { ...CF, keepdims: false }, [x]);
    }
    case 'BatchNorm': return batchNorm(b, node, name, input, w);
    default: return null;
  }
}

function to2d(b: KerasModelBuilder, node: ExportNode, name: string, input: string): string {
  const [C, L] = node.inputShapes[0]!;
  return b.add('Reshape', `${name}_as_2d`, { target_shape: [C, 1, L] }, [input]);
}

function padded(b: KerasModelBuilder, g: Window2D, name: string, input: string): string {
  if (g.padTop + g.padBottom + g.padLeft + g.padRight === 0) return input;
  return b.add('ZeroPadding2D', `${name}_pad`, { ...CF, padding: [[g.padTop, g.padBottom], [g.padLeft, g.padRight]] }, [input]);
}

/** Adds the op (named `name` for 2-D, `${name}_2d` inside reshapes for 1-D) and returns the output. */
function wrap1d(b: KerasModelBuilder, node: ExportNode, name: string, input: string, rank: 1 | 2, op: (x: string, opName: string) => string): string {
  if (rank === 2) return op(input, name);
  const y = op(to2d(b, node, name, input), `${name}_2d`);
  return b.add('Reshape', name, { target_shape: node.shape }, [y]);
}

function conv(b: KerasModelBuilder, node: ExportNode, name: string, input: string, w: (param: string) => Float32Array, rank: 1 | 2): string {
  const p = node.params;
  const r = convGeometry(rank, p, node.inputShapes[0]!);
  if (!r.ok) throw new ExportError(`node "${node.id}": ${r.message}`);
  const g = r.g;
  const groups = p.groups as number;
  const F = p.filters as number;
  return wrap1d(b, node, name, input, rank, (x, opName) => {
    const out = b.add('Conv2D', opName, {
      filters: F, kernel_size: [g.kh, g.kw], strides: [g.sh, g.sw], padding: 'valid', dilation_rate: [g.dh, g.dw],
      activation: 'linear', use_bias: p.bias, ...CF,
    }, [padded(b, g, opName, x)]);
    b.weight(out, 'kernel', [g.kh, g.kw, g.C, F], kerasConvKernel(w('W'), g, F, groups));
    if (p.bias) b.weight(out, 'bias', [F], w('b'));
    return out;
  });
}

/**
 * NetLoom's kernel [F, C/groups, kh, kw] (kh = 1 for 1-D) as Keras' [kh, kw, C, F]. TF.js Layers has no
 * grouped convolution, so groups become one ordinary convolution whose kernel is zero between a filter
 * and the channels outside its group: the same sums, exactly, at groups times the work.
 */
export function kerasConvKernel(W: Float32Array, g: Window2D, F: number, groups: number): Float32Array {
  const Cg = g.C / groups;
  const Fg = F / groups;
  const out = new Float32Array(g.kh * g.kw * g.C * F);
  for (let f = 0; f < F; f++) {
    const c0 = Math.floor(f / Fg) * Cg;
    for (let c = 0; c < Cg; c++) {
      for (let y = 0; y < g.kh; y++) {
        for (let x = 0; x < g.kw; x++) out[((y * g.kw + x) * g.C + c0 + c) * F + f] = W[((f * Cg + c) * g.kh + y) * g.kw + x]!;
      }
    }
  }
  return out;
}

function pool(b: KerasModelBuilder, node: ExportNode, name: string, input: string, op: 'max' | 'avg', rank: 1 | 2): string {
  const plan = kerasPoolPlan(node, op, rank);
  const g = plan.g;
  if (plan.mode === 'pad' && op === 'max') {
    throw new ExportError(`node "${node.id}" (${node.type}): Keras cannot pad a max pooling with −∞ other than its own 'same'; use padding "same" or "valid"${node.params.ceilMode ? ' (or ceilMode false)' : ''} to export it to the Keras model file`);
  }
  return wrap1d(b, node, name, input, rank, (x, opName) => b.add(op === 'max' ? 'MaxPooling2D' : 'AveragePooling2D', opName, {
    pool_size: [g.kh, g.kw], strides: [g.sh, g.sw], padding: plan.mode === 'same' ? 'same' : 'valid', ...CF,
  }, [plan.mode === 'pad' ? padded(b, g, opName, x) : x]));
}

function batchNorm(b: KerasModelBuilder, node: ExportNode, name: string, input: string, w: (param: string) => Float32Array): string {
  const p = node.params;
  const rank = node.inputShapes[0]!.length;
  const C = node.inputShapes[0]![0]!;
  // TF.js' CPU batch norm reads the statistics along the last axis whatever `axis` says, so a signal or
  // an image is turned channels last around it ([C, L] → [L, C], [C, H, W] → [H, W, C]) and back.
  const toLast = rank === 1 ? input : b.add('Permute', `${name}_channels_last`, { dims: rank === 2 ? [2, 1] : [2, 3, 1] }, [input]);
  const bnName = rank === 1 ? name : `${name}_bn`;
  // Keras' momentum is the share of the old statistic kept: 1 − NetLoom's (PyTorch's) momentum.
  const out = b.add('BatchNormalization', bnName, {
    axis: -1, momentum: 1 - (p.momentum as number), epsilon: p.epsilon, center: p.affine, scale: p.affine,
  }, [toLast]);
  if (p.affine) {
    b.weight(out, 'gamma', [C], w('gamma'));
    b.weight(out, 'beta', [C], w('beta'));
  }
  b.weight(out, 'moving_mean', [C], w('runningMean'));
  b.weight(out, 'moving_variance', [C], w('runningVar'));
  return rank === 1 ? out : b.add('Permute', name, { dims: rank === 2 ? [2, 1] : [3, 1, 2] }, [out]);
}
