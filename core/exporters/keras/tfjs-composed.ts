import type { ExportNode } from '../export-model';
import type { KerasModelBuilder } from './tfjs-builder';

/**
 * Activations Keras has no layer for, built from the ones it has. An element-wise `a·x + c` is a Dense
 * on the last axis with kernel a·I and bias c, marked not trainable so fine-tuning in Keras cannot turn
 * it into a different function; the zeros off the diagonal add exactly nothing.
 */
export function emitComposedActivation(b: KerasModelBuilder, node: ExportNode, name: string, x: string): string | null {
  const p = node.params;
  const d = node.inputShapes[0]![node.inputShapes[0]!.length - 1]!;
  const scale = (layer: string, input: string, a: number, c: number): string => {
    const out = b.add('Dense', layer, { units: d, activation: 'linear', use_bias: c !== 0, trainable: false }, [input]);
    const kernel = new Float32Array(d * d);
    for (let i = 0; i < d; i++) kernel[i * d + i] = a;
    b.weight(out, 'kernel', [d, d], kernel);
    if (c !== 0) b.weight(out, 'bias', [d], new Float32Array(d).fill(c));
    return out;
  };
  switch (p.fn) {
    // relu6(x + 3) / 6 = min(max(x / 6 + 0.5, 0), 1).
    case 'hard_sigmoid': return b.add('ReLU', name, { max_value: 1 }, [scale(`${name}_affine`, x, 1 / 6, 0.5)]);
    // [relu(x), relu(−x)] on the last axis.
    case 'crelu': {
      const pos = b.add('ReLU', `${name}_pos`, {}, [x]);
      const neg = b.add('ReLU', `${name}_neg`, {}, [scale(`${name}_negate`, x, -1, 0)]);
      return b.add('Concatenate', name, { axis: -1 }, [pos, neg]);
    }
    // TF.js' ELU supports only alpha 1: α·elu₁(x) + (1 − α)·relu(x) is x above 0 and α(eˣ − 1) below.
    case 'elu': {
      if (p.alpha === 1) return b.add('ELU', name, { alpha: 1 }, [x]);
      const a = p.alpha as number;
      const e = scale(`${name}_elu_part`, b.add('Activation', `${name}_elu1`, { activation: 'elu' }, [x]), a, 0);
      const r = scale(`${name}_relu_part`, b.add('ReLU', `${name}_relu`, {}, [x]), 1 - a, 0);
      return b.add('Add', name, {}, [e, r]);
    }
    // NetLoom's GELU, the tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). (Keras calls it
    // gelu_new, a name TF.js cannot read back from a model file; its 'gelu' is the erf form.)
    case 'gelu': {
      const k = Math.sqrt(2 / Math.PI);
      // TF.js' Multiply cannot take the same tensor twice (it disposes it), so x·x uses an identity copy.
      const copy = scale(`${name}_copy`, x, 1, 0);
      const cube = b.add('Multiply', `${name}_cube`, {}, [b.add('Multiply', `${name}_square`, {}, [x, copy]), copy]);
      const inner = b.add('Add', `${name}_inner`, {}, [scale(`${name}_cubic_term`, cube, k * 0.044715, 0), scale(`${name}_linear_term`, x, k, 0)]);
      const t = b.add('Activation', `${name}_tanh`, { activation: 'tanh' }, [inner]);
      return b.add('Multiply', name, {}, [x, scale(`${name}_half`, t, 0.5, 0.5)]);
    }
    default: return null;
  }
}
