import { describe, expect, it } from 'vitest';
import type { Graph } from '../../core/graph/schema';
import { emptyGraph } from '../../renderer/state/graph-edit';
import { DEFAULT_NODE_SIZE } from '../../renderer/state/layout';
import { collides, firstFreeSpot, placeNew } from '../../renderer/state/placement';

/** Nodes added without a pointer go beside the last one, and never on top of another node. */
const withNodes = (...xy: [number, number][]): Graph => ({
  ...emptyGraph(),
  nodes: xy.map(([x, y], i) => ({ id: `n${i}`, type: 'Dense', params: {}, position: { x, y } })),
});
const sizes = new Map();

describe('placement', () => {
  it('puts a new node beside the last added one', () => {
    const g = withNodes([0, 0]);
    const at = placeNew(g, 'n0', { x: 500, y: 500 }, sizes);
    expect(at.y).toBe(0);
    expect(at.x).toBeGreaterThanOrEqual(DEFAULT_NODE_SIZE.width);
    expect(collides(g, at, DEFAULT_NODE_SIZE, sizes)).toBe(false);
  });

  it('without a last node, uses the view centre, moved on to the first free spot', () => {
    const g = withNodes([410, 457]);
    const at = placeNew(g, null, { x: 500, y: 500 }, sizes);
    expect(collides(g, at, DEFAULT_NODE_SIZE, sizes)).toBe(false);
    expect(at.y).toBe(500 - DEFAULT_NODE_SIZE.height / 2);
  });

  it('ten adds in a row never overlap each other', () => {
    let g = withNodes();
    let last: string | null = null;
    for (let i = 0; i < 10; i++) {
      const at = placeNew(g, last, { x: 0, y: 0 }, sizes);
      expect(collides(g, at, DEFAULT_NODE_SIZE, sizes)).toBe(false);
      last = `n${i}`;
      g = { ...g, nodes: [...g.nodes, { id: last, type: 'Dense', params: {}, position: at }] };
    }
  });

  it('keeps a free spot exactly where it was asked for', () => {
    expect(firstFreeSpot(withNodes([0, 0]), { x: 600, y: 0 }, sizes)).toEqual({ x: 600, y: 0 });
  });
});
