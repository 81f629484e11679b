import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../core/importers/onnx';
import type { Graph } from '../../../core/graph/schema';
import { toggleMakingRoom } from '../../../renderer/groups/group-drag';
import { groupsOf, setAllCollapsed } from '../../../renderer/groups/group-model';
import { groupBox } from '../../../renderer/groups/group-view';
import { DEFAULT_NODE_SIZE, layoutGraph } from '../../../renderer/state/layout';

const model = (() => {
  const r = importOnnx(new Uint8Array(readFileSync(new URL('../../fixtures/onnx/e2e/resnet_small.onnx', import.meta.url))));
  if (!r.ok) throw new Error('fixture does not import');
  return r.graph;
})();

/** What the canvas draws as separate boxes: each group's frame or box, and every node outside groups. */
function drawnRects(g: Graph) {
  const grouped = new Set(groupsOf(g).flatMap((x) => x.nodes));
  const rects = groupsOf(g).map((x) => {
    const b = groupBox(g, x, new Map());
    return { name: x.name, ...b.position, ...(b.size ?? { width: 190, height: 60 }) };
  });
  for (const n of g.nodes) if (!grouped.has(n.id)) rects.push({ name: n.id, ...n.position!, ...DEFAULT_NODE_SIZE });
  return rects;
}

function overlaps(rects: ReturnType<typeof drawnRects>): string[] {
  const out: string[] = [];
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => {
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.name} × ${b.name}`);
  }));
  return out;
}

describe('auto-layout with groups', () => {
  it('gives each expanded group a frame of its own: no frame lands on another group or node; data flows left→right', async () => {
    const g = await layoutGraph(model);
    expect(groupsOf(g).every((x) => !x.collapsed)).toBe(true);
    expect(overlaps(drawnRects(g))).toEqual([]);
    const x = new Map(g.nodes.map((n) => [n.id, n.position!.x]));
    for (const e of g.edges) expect(x.get(e.source)!).toBeLessThan(x.get(e.target)!);
  });

  it('lays out the collapsed view compactly, with each group\'s members placed under its box', async () => {
    const open = await layoutGraph(model);
    const shut = await layoutGraph(setAllCollapsed(true)(model));
    expect(overlaps(drawnRects(shut))).toEqual([]);
    const width = (g: Graph) => Math.max(...g.nodes.map((n) => n.position!.x)) - Math.min(...g.nodes.map((n) => n.position!.x));
    const boxesWidth = (g: Graph) => {
      const r = drawnRects(g);
      return Math.max(...r.map((q) => q.x)) - Math.min(...r.map((q) => q.x));
    };
    expect(boxesWidth(shut)).toBeLessThan(width(open) / 2);
    // Expanding a group shows its members in the order they compute, left to right.
    const block = groupsOf(shut).find((x) => x.name === 'layer1.0')!;
    const xs = new Map(shut.nodes.map((n) => [n.id, n.position!.x]));
    for (const e of shut.edges) if (block.nodes.includes(e.source) && block.nodes.includes(e.target)) expect(xs.get(e.source)!).toBeLessThan(xs.get(e.target)!);
  });

  it('expanding a collapsed block pushes what follows to the right, and collapsing it again pulls it back', async () => {
    const shut = await layoutGraph(setAllCollapsed(true)(model));
    const block = groupsOf(shut).find((x) => x.name === 'layer1.0')!;
    const open = toggleMakingRoom(block.id, new Map())(shut);
    expect(groupsOf(open).find((x) => x.id === block.id)!.collapsed).toBe(false);
    expect(overlaps(drawnRects(open))).toEqual([]);
    const head = groupsOf(shut).find((x) => x.name === 'head')!.nodes[0]!;
    const x = (g: Graph) => g.nodes.find((n) => n.id === head)!.position!.x;
    expect(x(open)).toBeGreaterThan(x(shut));
    const again = toggleMakingRoom(block.id, new Map())(open);
    expect(again.nodes.map((n) => n.position)).toEqual(shut.nodes.map((n) => n.position));
  });
});
