import { describe, expect, it } from 'vitest';
import type { Graph } from '../../core/graph/schema';
import { emptyGraph } from '../../renderer/state/graph-edit';
import { makeRoom, ROOM_GAP } from '../../renderer/state/make-room';
import type { Size } from '../../renderer/state/flow-convert';

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function graphOf(pos: Record<string, [number, number]>): Graph {
  const g = emptyGraph();
  return { ...g, nodes: Object.entries(pos).map(([id, [x, y]]) => ({ id, type: 'Dense', params: {}, position: { x, y } })) } as Graph;
}

function boxesAfter(g: Graph, sizes: Map<string, Size>, moved: Map<string, { x: number; y: number }>): Map<string, Box> {
  return new Map(g.nodes.map((n) => {
    const p = moved.get(n.id) ?? n.position!;
    const s = sizes.get(n.id)!;
    return [n.id, { x: p.x, y: p.y, w: s.width, h: s.height }];
  }));
}

const allClear = (boxes: Map<string, Box>) => {
  const list = [...boxes.values()];
  return list.every((a, i) => list.every((b, j) => j <= i || !overlaps(a, b)));
};

describe('makeRoom: a node that grew pushes its neighbours aside', () => {
  it('pushes the chain to the right when a node in a row gets wider, keeping the gap', () => {
    const g = graphOf({ a: [0, 0], b: [180, 0], c: [360, 0] });
    const sizes = new Map<string, Size>([['a', { width: 220, height: 60 }], ['b', { width: 140, height: 60 }], ['c', { width: 140, height: 60 }]]);
    const moved = makeRoom(g, sizes, new Map([['a', { width: 140, height: 60 }]]));
    expect(moved.get('b')).toEqual({ x: 220 + ROOM_GAP, y: 0 });
    // c was 40 px clear of b; b moved 64 px, so c is hit in turn.
    expect(moved.get('c')).toEqual({ x: 220 + ROOM_GAP + 140 + ROOM_GAP, y: 0 });
    expect(allClear(boxesAfter(g, sizes, moved))).toBe(true);
  });

  it('keeps room for the wire label: a neighbour the growth brings closer than the gap moves to the gap', () => {
    const g = graphOf({ a: [0, 0], b: [200, 0] });
    const sizes = new Map<string, Size>([['a', { width: 160, height: 60 }], ['b', { width: 140, height: 60 }]]);
    expect(makeRoom(g, sizes, new Map([['a', { width: 140, height: 60 }]])).get('b')).toEqual({ x: 160 + ROOM_GAP, y: 0 });
    // Tight spacing made by the user (already closer than the gap) is kept until the boxes would touch.
    const tight = graphOf({ a: [0, 0], b: [150, 0] });
    expect(makeRoom(tight, new Map([['a', { width: 145, height: 60 }], ['b', { width: 140, height: 60 }]]), new Map([['a', { width: 140, height: 60 }]])).size).toBe(0);
  });

  it('pushes a node below down when a node gets taller, and leaves untouched ones in place', () => {
    const g = graphOf({ a: [0, 0], below: [0, 80], far: [600, 0] });
    const sizes = new Map<string, Size>([['a', { width: 140, height: 120 }], ['below', { width: 140, height: 60 }], ['far', { width: 140, height: 60 }]]);
    const moved = makeRoom(g, sizes, new Map([['a', { width: 140, height: 60 }]]));
    expect(moved.get('below')).toEqual({ x: 0, y: 120 + ROOM_GAP });
    expect(moved.has('far')).toBe(false);
  });

  it('leaves overlaps that were there before the growth alone, and does nothing when a node shrank', () => {
    const g = graphOf({ a: [0, 0], stacked: [10, 10] });
    const sizes = new Map<string, Size>([['a', { width: 200, height: 80 }], ['stacked', { width: 140, height: 60 }]]);
    expect(makeRoom(g, sizes, new Map([['a', { width: 140, height: 60 }]])).size).toBe(0);
    expect(makeRoom(g, sizes, new Map([['a', { width: 300, height: 90 }]])).size).toBe(0);
  });

  it('ends with no overlap on a dense grid where every node grew', () => {
    const pos: Record<string, [number, number]> = {};
    const sizes = new Map<string, Size>();
    const grown = new Map<string, Size>();
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) {
      const id = `n${r}_${c}`;
      pos[id] = [c * 170, r * 90];
      sizes.set(id, { width: 200, height: 100 });
      grown.set(id, { width: 140, height: 60 });
    }
    const g = graphOf(pos);
    expect(allClear(boxesAfter(g, sizes, makeRoom(g, sizes, grown)))).toBe(true);
  });
});

describe('document store amend: moving neighbours aside is part of the edit, not an edit of its own', () => {
  it('folds into the present undo entry and keeps a clean document clean', async () => {
    const { createDocumentStore, isDirty } = await import('../../renderer/state/document-store');
    const { moveNodes, setParam } = await import('../../renderer/state/graph-edit');
    const g = graphOf({ a: [0, 0], b: [200, 0] });
    const store = createDocumentStore(g);
    store.amend((x) => moveNodes(x, new Map([['b', { x: 260, y: 0 }]])));
    expect(isDirty(store.getState())).toBe(false);
    expect(store.canUndo()).toBe(false);
    // After a real edit, the nudge joins that edit: one undo takes both back.
    store.edit((x) => setParam(x, 'a', 'units', 9));
    store.amend((x) => moveNodes(x, new Map([['b', { x: 300, y: 0 }]])));
    expect(isDirty(store.getState())).toBe(true);
    store.undo();
    expect(store.getState().graph.nodes.find((n) => n.id === 'b')!.position).toEqual({ x: 260, y: 0 });
    expect(store.canUndo()).toBe(false);
  });
});
