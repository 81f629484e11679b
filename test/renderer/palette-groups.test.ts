import { describe, expect, it } from 'vitest';
import { PALETTE_ITEMS, paletteSections } from '../../renderer/state/palette-items';

describe('palette sections', () => {
  it('puts Embedding and the recurrent layers in a Recurrent section right after Layers', () => {
    const titles = paletteSections().map((s) => s.title);
    expect(titles.slice(0, 3)).toEqual(['Data', 'Layers', 'Recurrent']);
    expect(titles.indexOf('Activations')).toBeGreaterThan(titles.indexOf('Recurrent'));
    expect(titles.at(-1)).toBe('Output');
    const recurrent = PALETTE_ITEMS.filter((i) => i.group === 'Recurrent').map((i) => i.key);
    expect(recurrent).toEqual(['Embedding', 'SimpleRNN', 'LSTM', 'GRU']);
  });

  it('keeps kinds without a palette group in their category\'s section, every item in exactly one section', () => {
    expect(PALETTE_ITEMS.find((i) => i.key === 'Dense')!.group).toBe('Layers');
    expect(PALETTE_ITEMS.find((i) => i.key === 'Activation-tanh')!.group).toBe('Activations');
    const sections = paletteSections().map((s) => s.title);
    expect(new Set(sections).size).toBe(sections.length);
    for (const item of PALETTE_ITEMS) expect(sections).toContain(item.group);
  });
});
