import { convGeometry } from '../../catalog/nodes/conv-layer';
import { poolGeometry } from '../../catalog/nodes/pool-layer';
import type { Window2D } from '../../catalog/spatial';
import type { ExportNode } from '../export-model';
import { pyFloat, pyLiteral } from '../python/identifiers';
import type { KerasLayerCode } from './emit-nodes';
import { kerasPoolPlan } from './pool-plan';

const CF = 'data_format="channels_first"';

/**
 * The convolution family in Keras, channels first like NetLoom. Keras' "same" is NetLoom's (⌈n / stride⌉,
 * the odd zero after); explicit padding, and "same" for average pooling (Keras would leave the zeros out
 * of the average, NetLoom counts them), become a padding layer applied to the input inside the same line.
 */
type Sides = { top: number; bottom: number; left: number; right: number };
const sidesOf = (g: Window2D): Sides => ({ top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight });

function padWrap(rank: 1 | 2, s: Sides, id: string, value: 'zero' | '-inf'): (input: string) => string {
  const name = JSON.stringify(`${id}_pad`);
  const g = { padTop: s.top, padBottom: s.bottom, padLeft: s.left, padRight: s.right };
  if (value === 'zero') {
    const sides = rank === 2 ? `((${g.padTop}, ${g.padBottom}), (${g.padLeft}, ${g.padRight}))` : `(${g.padLeft}, ${g.padRight})`;
    if (rank === 2) return (x) => `layers.ZeroPadding2D(${sides}, ${CF}, name=${name})(${x})`;
    // ZeroPadding1D has no data_format (it pads axis 1), so the signal is padded channels-last and turned back.
    return (x) => `layers.Permute((2, 1))(layers.ZeroPadding1D(${sides}, name=${name})(layers.Permute((2, 1))(${x})))`;
  }
  const pads = rank === 2 ? `[[0, 0], [0, 0], [${g.padTop}, ${g.padBottom}], [${g.padLeft}, ${g.padRight}]]` : `[[0, 0], [0, 0], [${g.padLeft}, ${g.padRight}]]`;
  return (x) => `layers.Lambda(lambda t: tf.pad(t, ${pads}, constant_values=float("-inf")), name=${name})(${x})`;
}

export function kerasConv(node: ExportNode, rank: 1 | 2, regularizer: string): KerasLayerCode {
  const p = node.params;
  const r = convGeometry(rank, p, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  const explicit = (typeof p.padding === 'number' && p.padding > 0) || (Array.isArray(p.padding) && p.padding.some((v) => v > 0));
  const padding = p.padding === 'same' ? 'same' : 'valid';
  return {
    open: `layers.Conv${rank}D(${p.filters}, ${p.kernelSize}, strides=${p.stride}, padding="${padding}", dilation_rate=${p.dilation}, groups=${p.groups}, use_bias=${pyLiteral(p.bias)}, ${CF}${regularizer}`,
    ...(explicit ? { wrapInput: padWrap(rank, sidesOf(r.g), node.id, 'zero') } : {}),
    // NetLoom [F, C/groups, (kh,) kw] → Keras [(kh,) kw, C/groups, F].
    layouts: { W: rank === 2 ? [2, 3, 1, 0] : [2, 1, 0] },
  };
}

/** Pools by kerasPoolPlan: Keras' own padding where it is exact, else explicit −∞ or zero padding in front. */
export function kerasPool(node: ExportNode, op: 'max' | 'avg', rank: 1 | 2): KerasLayerCode {
  const p = node.params;
  const plan = kerasPoolPlan(node, op, rank);
  const cls = `layers.${op === 'max' ? 'Max' : 'Average'}Pooling${rank}D`;
  return {
    open: `${cls}(${p.poolSize}, strides=${plan.g.sw}, padding="${plan.mode === 'same' ? 'same' : 'valid'}", ${CF}`,
    ...(plan.mode === 'pad' ? { wrapInput: padWrap(rank, plan.pads, node.id, op === 'max' ? '-inf' : 'zero') } : {}),
  };
}

/**
 * LRN has no Keras layer; the script computes ONNX's formula in a Lambda: the squares padded with zero
 * channels (⌊(size − 1)/2⌋ before, the rest after), summed over `size` shifted slices.
 */
export function kerasLrn(node: ExportNode): KerasLayerCode {
  const p = node.params;
  const size = p.size as number;
  const C = node.inputShapes[0]![0]!;
  const before = Math.floor((size - 1) / 2), after = size - 1 - before;
  const rest = node.inputShapes[0]!.slice(1).map(() => '[0, 0]').join(', ');
  const pads = `[[0, 0], [${before}, ${after}]${rest ? `, ${rest}` : ''}]`;
  const sum = `tf.add_n([s[:, i:i + ${C}] for i in range(${size})])`;
  const lam = `lambda t: t / tf.pow(${pyFloat(p.bias as number)} + ${pyFloat(p.alpha as number)} / ${size} * (lambda s: ${sum})(tf.pad(tf.square(t), ${pads})), ${pyFloat(p.beta as number)})`;
  return { open: `layers.Lambda(${lam}` };
}

export function kerasBatchNorm(node: ExportNode): KerasLayerCode {
  const p = node.params;
  // Keras' momentum is the share of the old value kept: 1 − NetLoom's (PyTorch's) momentum.
  return {
    open: `layers.BatchNormalization(axis=1, momentum=${pyFloat(1 - (p.momentum as number))}, epsilon=${pyFloat(p.epsilon as number)}, center=${pyLiteral(p.affine)}, scale=${pyLiteral(p.affine)}`,
  };
}

export function kerasShapeLayer(node: ExportNode): KerasLayerCode {
  switch (node.type) {
    case 'GlobalAvgPool': return { open: `layers.GlobalAveragePooling${node.inputShapes[0]!.length === 3 ? 2 : 1}D(${CF}` };
    case 'Reshape': return { open: `layers.Reshape(${pyLiteral(node.shape).replace(/^\[(.*)\]$/, node.shape.length === 1 ? '($1,)' : '($1)')}` };
    case 'Permute': return { open: `layers.Permute(${pyLiteral(node.params.axes).replace(/^\[(.*)\]$/, (node.params.axes as number[]).length === 1 ? '($1,)' : '($1)')}` };
    case 'Multiply': return { open: 'layers.Multiply(', takesList: true };
    default: throw new Error(`the Keras exporter does not know node type "${node.type}"`);
  }
}
