import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../core/catalog/activations';
import { parseGraphText } from '../../core/graph/io';
import { layoutGraph, needsLayout } from '../../renderer/state/layout';
import { PALETTE_ITEMS, searchPalette, decodeDrag, encodeDrag } from '../../renderer/state/palette-items';
import { parseParamInput } from '../../renderer/state/param-input';
import { samplePlot } from '../../renderer/state/plot';
import { decodeRecovery, encodeRecovery } from '../../renderer/state/recovery';
import { commandForKey, createCommandDeduper } from '../../renderer/state/shortcuts';
import { emptyGraph, freshId, setParam } from '../../renderer/state/graph-edit';

const xorText = readFileSync(new URL('../../examples/xor-mlp.json', import.meta.url), 'utf8');
const xor = (() => {
  const r = parseGraphText(xorText);
  if (!r.ok) throw new Error('example does not parse');
  return r.graph;
})();

describe('auto-layout', () => {
  it('places a graph without positions left to right, without overlaps', async () => {
    const bare = { ...xor, nodes: xor.nodes.map(({ position: _p, ...n }) => n) };
    expect(needsLayout(bare)).toBe(true);
    const laid = await layoutGraph(bare);
    expect(needsLayout(laid)).toBe(false);
    const x = (id: string) => laid.nodes.find((n) => n.id === id)!.position!.x;
    for (const e of laid.edges) expect(x(e.source)).toBeLessThan(x(e.target));
    const keys = new Set(laid.nodes.map((n) => `${n.position!.x},${n.position!.y}`));
    expect(keys.size).toBe(laid.nodes.length);
  });
  it('leaves an empty graph alone', async () => {
    const g = emptyGraph();
    expect(await layoutGraph(g)).toBe(g);
  });
});

describe('palette', () => {
  it('has one item per activation function and none for the generic Activation', () => {
    const acts = PALETTE_ITEMS.filter((i) => i.type === 'Activation');
    expect(acts.map((i) => i.params.fn).sort()).toEqual(Object.keys(ACTIVATIONS).sort());
    expect(PALETTE_ITEMS.some((i) => i.key === 'Activation')).toBe(false);
    expect(PALETTE_ITEMS.map((i) => i.key)).toContain('Activation-tanh');
  });
  it('searches titles first, then explanations', () => {
    expect(searchPalette('tanh')[0]!.key).toBe('Activation-tanh');
    expect(searchPalette('dense')[0]!.key).toBe('Dense');
    expect(searchPalette('zzzz')).toEqual([]);
    expect(searchPalette('').length).toBe(PALETTE_ITEMS.length);
  });
  it('drag payloads round-trip and junk is refused', () => {
    const item = PALETTE_ITEMS.find((i) => i.key === 'Activation-relu')!;
    expect(decodeDrag(encodeDrag(item))).toEqual({ type: 'Activation', params: { fn: 'relu' } });
    expect(decodeDrag('nope')).toBeNull();
  });
});

describe('param input', () => {
  const units = { kind: 'int', default: 8, min: 1, max: 65536, description: '' } as const;
  it('applies valid values only and says why not', () => {
    expect(parseParamInput(units, '16')).toEqual({ ok: true, value: 16 });
    expect(parseParamInput(units, '0')).toMatchObject({ ok: false });
    expect(parseParamInput(units, '2.5')).toMatchObject({ ok: false, message: expect.stringMatching(/integer/) });
    expect(parseParamInput(units, 'abc')).toMatchObject({ ok: false, message: expect.stringMatching(/not a number/) });
    expect(parseParamInput(units, ' ')).toMatchObject({ ok: false });
  });
  it('switching an Activation fn drops params the new fn lacks', () => {
    let g = setParam(xor, 'a1', 'fn', 'leaky_relu');
    g = setParam(g, 'a1', 'alpha', 0.2);
    g = setParam(g, 'a1', 'fn', 'tanh');
    expect(g.nodes.find((n) => n.id === 'a1')!.params).toEqual({ fn: 'tanh' });
  });
  it('fresh ids are readable and unique', () => {
    expect(freshId('Dense', new Set(['dense1']))).toBe('dense2');
    expect(freshId('LayerNorm', new Set())).toBe('layernorm1');
  });
});

describe('activation plot', () => {
  it('samples f and f\' on [-5, 5] following the params', () => {
    const p = samplePlot(ACTIVATIONS.tanh!, { fn: 'tanh' }, -5, 5, 11);
    expect(p.xs[0]).toBe(-5);
    expect(p.xs[10]).toBe(5);
    expect(p.f[5]).toBeCloseTo(0);
    expect(p.df[5]).toBeCloseTo(1);
    const leaky = ACTIVATIONS.leaky_relu!;
    const a = samplePlot(leaky, { fn: 'leaky_relu', alpha: 0.01 }, -5, 5, 11);
    const b = samplePlot(leaky, { fn: 'leaky_relu', alpha: 0.5 }, -5, 5, 11);
    expect(b.f[0]).toBeLessThan(a.f[0]!);
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
    ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps Ctrl (Cmd on mac) combinations to commands', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(commandForKey(key('z', { metaKey: true }), true)).toBe('undo');
    expect(commandForKey(key('z', { ctrlKey: true }), true)).toBeNull();
    for (const [k, c] of [['c', 'copy'], ['x', 'cut'], ['v', 'paste'], ['a', 'select-all'], ['s', 'save'], ['o', 'open'], ['n', 'new']]) {
      expect(commandForKey(key(k!, { ctrlKey: true }), false)).toBe(c);
    }
    expect(commandForKey(key('Delete'), false)).toBe('delete');
    expect(commandForKey(key('q'), false)).toBeNull();
  });
  it('drops the menu echo of a key press but not repeats from one source', () => {
    let t = 0;
    const accept = createCommandDeduper(150, () => t);
    expect(accept('undo', 'keyboard')).toBe(true);
    t = 20;
    expect(accept('undo', 'menu')).toBe(false);
    t = 50;
    expect(accept('undo', 'keyboard')).toBe(true);
    t = 500;
    expect(accept('undo', 'menu')).toBe(true);
  });
});

describe('recovery record', () => {
  it('round-trips the graph and the file it belonged to', () => {
    const r = decodeRecovery(encodeRecovery({ graph: xor, fileName: 'xor.json', filePath: '/tmp/xor.json', savedAt: '2025-01-01T00:00:00Z' }))!;
    expect(r.graph).toEqual(xor);
    expect(r.fileName).toBe('xor.json');
    expect(r.filePath).toBe('/tmp/xor.json');
  });
  it('accepts a bare graph file and refuses junk', () => {
    expect(decodeRecovery(xorText)!.fileName).toBe('XOR.json');
    expect(decodeRecovery('{')).toBeNull();
    expect(decodeRecovery('{"kind":"netloom-recovery","graph":"{}"}')).toBeNull();
  });
});
