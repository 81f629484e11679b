import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../core/catalog';
import { PALETTE_GROUPS, PALETTE_ITEMS } from '../../renderer/state/palette-items';
import { displayValue, parseParamInput } from '../../renderer/state/param-input';

describe('palette groups', () => {
  it('lists convolution, pooling, normalisation and shape layers in their own sections', () => {
    const groupOf = (key: string) => PALETTE_ITEMS.find((i) => i.key === key)?.group;
    expect(['Conv2D', 'Conv1D'].map(groupOf)).toEqual(['Convolution', 'Convolution']);
    expect(['MaxPool2D', 'AvgPool2D', 'MaxPool1D', 'AvgPool1D', 'GlobalAvgPool', 'MeanPool'].map(groupOf)).toEqual(new Array(6).fill('Pooling'));
    expect(['BatchNorm', 'LayerNorm'].map(groupOf)).toEqual(['Normalisation', 'Normalisation']);
    expect(['Reshape', 'Permute', 'Flatten'].map(groupOf)).toEqual(['Shape', 'Shape', 'Shape']);
    expect(['Dense', 'Add', 'Multiply'].map(groupOf)).toEqual(['Layers', 'Layers', 'Layers']);
    expect(groupOf('Activation-relu')).toBe('Activations');
  });

  it('shows every item in exactly one known section', () => {
    const titles = PALETTE_GROUPS.map((g) => g.title);
    for (const item of PALETTE_ITEMS) expect(titles, item.key).toContain(item.group);
  });
});

describe('list and padding params in the inspector', () => {
  const shape = getNodeKind('Reshape')!.params.shape!;
  const padding = getNodeKind('Conv2D')!.params.padding!;

  it('reads lists however they are separated, and shows them back the same way', () => {
    expect(parseParamInput(shape, '1, 28, 28')).toEqual({ ok: true, value: [1, 28, 28] });
    expect(parseParamInput(shape, '[4 -1]')).toEqual({ ok: true, value: [4, -1] });
    expect(displayValue([1, 28, 28])).toBe('1, 28, 28');
    expect(parseParamInput(shape, displayValue([2, -1]))).toEqual({ ok: true, value: [2, -1] });
  });

  it('refuses what the param cannot be, saying why', () => {
    expect(parseParamInput(shape, '-1, -1')).toMatchObject({ ok: false, message: expect.stringMatching(/at most one -1/) });
    expect(parseParamInput(shape, '1, x')).toMatchObject({ ok: false, message: '"x" is not a number' });
    expect(parseParamInput(shape, '')).toMatchObject({ ok: false });
  });

  it('takes valid, same or a number of zeros for padding', () => {
    expect(parseParamInput(padding, 'same')).toEqual({ ok: true, value: 'same' });
    expect(parseParamInput(padding, ' Valid ')).toEqual({ ok: true, value: 'valid' });
    expect(parseParamInput(padding, '2')).toEqual({ ok: true, value: 2 });
    expect(parseParamInput(padding, 'full')).toMatchObject({ ok: false, message: expect.stringMatching(/"valid", "same", an integer/) });
    expect(parseParamInput(padding, '1.5')).toMatchObject({ ok: false });
    // Zeros per side, begins then ends (as ONNX's pads), typed as a list.
    expect(parseParamInput(padding, '0, 0, 1, 1')).toEqual({ ok: true, value: [0, 0, 1, 1] });
    expect(parseParamInput(padding, '[2, 1]')).toEqual({ ok: true, value: [2, 1] });
    expect(parseParamInput(padding, '1, 2, 3')).toMatchObject({ ok: false, message: expect.stringMatching(/a list of 2 or 4 such integers/) });
  });
});

describe('the Recurrent palette section', () => {
  it('lists Embedding and the recurrent layers, in catalog order, after the other layer sections', () => {
    const recurrent = PALETTE_ITEMS.filter((i) => i.group === 'Recurrent').map((i) => i.key);
    expect(recurrent).toEqual(['Embedding', 'SimpleRNN', 'LSTM', 'GRU']);
    const titles = PALETTE_GROUPS.map((g) => g.title);
    expect(titles.indexOf('Recurrent')).toBeGreaterThan(titles.indexOf('Layers'));
    expect(titles.indexOf('Activations')).toBeGreaterThan(titles.indexOf('Recurrent'));
  });
});
