/** The activation registry as the palette, the inspector and the training monitor see it. */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ACTIVATION_LIST, RELU_FAMILY, SATURATING } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { checkParam, withDefaults } from '../../../../core/catalog/params';

const FNS = ACTIVATION_LIST.map((a) => a.fn);
const DATASET = { inputShape: [1], target: { kind: 'binary' as const } };

describe('activation registry', () => {
  it('lists every activation once, in palette order', () => {
    expect(FNS).toEqual([
      'linear',
      'step', 'sigmoid', 'hard_sigmoid', 'tanh', 'softsign',
      'relu', 'leaky_relu', 'prelu', 'relu6', 'crelu', 'elu', 'selu',
      'softplus', 'gelu', 'gelu_erf', 'silu', 'mish',
      'softmax', 'log_softmax',
    ]);
    expect(new Set(FNS).size).toBe(FNS.length);
    expect(Object.keys(ACTIVATIONS).sort()).toEqual([...FNS].sort());
  });

  it('offers every fn in the node\'s fn param', () => {
    const spec = ActivationNode.params.fn!;
    expect(spec.kind === 'enum' && spec.options).toEqual(FNS);
  });

  it('monitor sets name only registered fns', () => {
    for (const fn of [...RELU_FAMILY, ...SATURATING]) expect(FNS).toContain(fn);
    expect([...RELU_FAMILY].sort()).toEqual(['crelu', 'relu', 'relu6']);
    expect([...SATURATING].sort()).toEqual(['hard_sigmoid', 'sigmoid', 'softsign', 'step', 'tanh']);
  });

  it.each(FNS)('%s has a title, an explanation and valid default params', (fn) => {
    const a = ACTIVATIONS[fn]!;
    expect(a.title.length).toBeGreaterThan(0);
    expect(a.explanation.length).toBeGreaterThan(40);
    const specs = ActivationNode.paramsFor!({ fn });
    expect(Object.keys(specs).sort()).toEqual(['fn', ...Object.keys(a.params)].sort());
    const values = withDefaults(ActivationNode, { fn });
    for (const [name, spec] of Object.entries(specs)) expect(checkParam(spec, values[name]), name).toBeNull();
  });

  it('exposes alpha where the function has one, and only there', () => {
    const withAlpha = FNS.filter((fn) => 'alpha' in ActivationNode.paramsFor!({ fn }));
    expect(withAlpha.sort()).toEqual(['elu', 'leaky_relu']);
    expect(withDefaults(ActivationNode, { fn: 'leaky_relu' }).alpha).toBe(0.01);
    expect(withDefaults(ActivationNode, { fn: 'elu' }).alpha).toBe(1);
  });

  it('explains the facts learners need', () => {
    expect(ACTIVATIONS.step!.explanation).toMatch(/slope is 0/);
    expect(ACTIVATIONS.step!.explanation).toMatch(/nothing before a step learns/);
    expect(ACTIVATIONS.gelu!.explanation).toMatch(/tanh approximation/);
    expect(ACTIVATIONS.gelu!.explanation).toMatch(/approximate='tanh'/);
    expect(ACTIVATIONS.hard_sigmoid!.explanation).toMatch(/relu6\(x \+ 3\) \/ 6/);
  });

  it('keeps the shape except for crelu, which doubles the last axis', () => {
    for (const fn of FNS) {
      const r = ActivationNode.inferShape({ params: withDefaults(ActivationNode, { fn }), inputs: [[3, 5]], dataset: DATASET });
      expect(r, fn).toEqual({ ok: true, shape: fn === 'crelu' ? [3, 10] : [3, 5] });
    }
    const flat = ActivationNode.inferShape({ params: { fn: 'crelu' }, inputs: [[5]], dataset: DATASET });
    expect(flat).toEqual({ ok: true, shape: [10] });
  });
});
