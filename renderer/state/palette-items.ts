import { ACTIVATION_LIST } from '../../core/catalog/activations';
import { NODE_KIND_LIST } from '../../core/catalog';
import type { Category } from '../../core/catalog/types';

/** One thing the learner can add: a node type, or an Activation preset to one function. */
export interface PaletteItem {
  /** Stable automation id suffix: `Dense`, `Activation-tanh`. */
  key: string;
  type: string;
  params: Record<string, string>;
  title: string;
  category: Category;
  /** Palette section title: the kind's `paletteGroup`, else its category's title. */
  group: string;
  explanation: string;
}

export const PALETTE_GROUPS: readonly { category: Category; title: string }[] = [
  { category: 'data', title: 'Data' },
  { category: 'layer', title: 'Layers' },
  { category: 'activation', title: 'Activations' },
  { category: 'output', title: 'Output' },
];

const categoryTitle = (c: Category) => PALETTE_GROUPS.find((g) => g.category === c)!.title;

/** Catalog order; the generic Activation node is replaced by one item per function. */
export const PALETTE_ITEMS: readonly PaletteItem[] = NODE_KIND_LIST.flatMap((kind): PaletteItem[] => {
  if (kind.type === 'Activation') {
    return ACTIVATION_LIST.map((a) => ({
      key: `Activation-${a.fn}`, type: 'Activation', params: { fn: a.fn }, title: a.title, category: 'activation', group: categoryTitle('activation'), explanation: a.explanation,
    }));
  }
  return [{
    key: kind.type, type: kind.type, params: {}, title: kind.title, category: kind.category,
    group: kind.paletteGroup ?? categoryTitle(kind.category), explanation: kind.explanation,
  }];
});

/**
 * The palette's sections in order: per category (data, layers, activations, output), its own section
 * first, then the named groups of its kinds (e.g. Recurrent) in catalog order.
 */
export function paletteSections(items: readonly PaletteItem[] = PALETTE_ITEMS): { title: string; category: Category }[] {
  const out: { title: string; category: Category }[] = [];
  for (const g of PALETTE_GROUPS) {
    out.push(g);
    for (const item of items) {
      if (item.category === g.category && !out.some((s) => s.title === item.group)) out.push({ title: item.group, category: g.category });
    }
  }
  return out;
}

/**
 * Items matching every word of the query in their title, type, key or explanation, best first:
 * title prefix matches before other title matches before explanation-only matches.
 */
export function searchPalette(query: string, items: readonly PaletteItem[] = PALETTE_ITEMS): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const scored: { item: PaletteItem; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const title = `${item.title} ${item.key} ${item.type}`.toLowerCase();
    const text = `${title} ${item.explanation.toLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return;
    const score = title.startsWith(words[0]!) || item.title.toLowerCase().startsWith(words[0]!) ? 0 : words.every((w) => title.includes(w)) ? 1 : 2;
    scored.push({ item, score, i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.item);
}

/** The drag payload type for palette → canvas drops. */
export const DRAG_MIME = 'application/x-netloom-node';

export function encodeDrag(item: PaletteItem): string {
  return JSON.stringify({ type: item.type, params: item.params });
}

export function decodeDrag(text: string): { type: string; params: Record<string, string> } | null {
  try {
    const d = JSON.parse(text) as { type?: unknown; params?: unknown };
    if (typeof d.type !== 'string') return null;
    return { type: d.type, params: typeof d.params === 'object' && d.params !== null ? (d.params as Record<string, string>) : {} };
  } catch {
    return null;
  }
}
