import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { compileGraph } from '../../../core/compiler/compile';
import { EXPORTERS } from '../../../core/exporters';
import { readGroups } from '../../../core/graph/groups';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';
import { TrainingSession } from '../../../core/session/session';
import { COLLAPSE_ABOVE, importOnnxFile } from '../../../renderer/app/onnx-import';
import { groupDrag } from '../../../renderer/groups/group-drag';
import { groupNodes, groupsOf, renameGroupTo, setAllCollapsed, toggleGroup, ungroup } from '../../../renderer/groups/group-model';
import { createGroupNodeBuilder, groupBox, groupEdges, groupFlowId } from '../../../renderer/groups/group-view';
import { graphToFlow } from '../../../renderer/state/flow-convert';
import { removeItems } from '../../../renderer/state/graph-edit';
import { layoutGraph } from '../../../renderer/state/layout';
import { EXAMPLES_DIR, loadExample } from '../../helpers/examples';

const fixture = (name: string) => new URL(`../../fixtures/onnx/e2e/${name}`, import.meta.url);
async function imported(name: string): Promise<Graph> {
  const bytes = readFileSync(fixture(name));
  const r = await importOnnxFile(new File([bytes], name));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.graph;
}

/** The LeNet example with its feature extractor and its head each in a group, both collapsed. */
function groupedLenet(): { plain: Graph; grouped: Graph } {
  const plain = loadExample('lenet5-mnist');
  const ids = plain.nodes.map((n) => n.id);
  let g = groupNodes(new Set(ids.slice(1, 5)), 'features')(plain);
  g = groupNodes(new Set(ids.slice(5, -1)))(g);
  g = setAllCollapsed(true)(g);
  return { plain, grouped: g };
}

describe('groups on the canvas', () => {
  it('a collapsed group is one box: crossing edges go to its ports, inner edges are not drawn, ids are kept', async () => {
    const graph = await imported('resnet_small.onnx');
    const block = groupsOf(graph).find((g) => g.name === 'layer1.1')!;
    const g = toggleGroup(block.id)(graph);
    const flow = graphToFlow(g, null);
    const shown = groupEdges(flow.edges, groupsOf(g));
    const members = new Set(block.nodes);
    const inner = g.edges.filter((e) => members.has(e.source) && members.has(e.target));
    const crossing = g.edges.filter((e) => members.has(e.source) !== members.has(e.target));
    expect(inner.length).toBeGreaterThan(0);
    expect(crossing.length).toBeGreaterThan(0);
    expect(shown).toHaveLength(g.edges.length - inner.length);
    for (const e of crossing) {
      const s = shown.find((x) => x.id === e.id)!;
      expect(members.has(e.source) ? s.source : s.target).toBe(groupFlowId(block.id));
    }
    const [box] = createGroupNodeBuilder()(g, groupsOf(g).filter((x) => x.id === block.id), flow.edges, new Map());
    expect(box!.data).toMatchObject({ name: 'layer1.1', count: block.nodes.length, collapsed: true });
    // Every rerouted edge ends on a port the box has.
    const ports = new Set([...box!.data.inputs, ...box!.data.outputs].map((p) => p.id));
    for (const e of shown.filter((x) => x.source === box!.id || x.target === box!.id)) {
      expect(ports.has(e.source === box!.id ? e.sourceHandle! : e.targetHandle!)).toBe(true);
    }
  });

  it('dragging a group moves its members by the same offset; the box lands where it was dropped', async () => {
    const graph = await layoutGraph(await imported('resnet_small.onnx'));
    const block = groupsOf(graph)[1]!;
    const from = groupBox(graph, block, new Map()).position;
    const to = { x: from.x + 40, y: from.y - 25 };
    const moved = groupDrag(new Map([[block.id, to]]), new Map())(graph);
    expect(groupBox(moved, block, new Map()).position).toEqual(to);
    for (const id of block.nodes) {
      const a = graph.nodes.find((n) => n.id === id)!.position!;
      const b = moved.nodes.find((n) => n.id === id)!.position!;
      expect([b.x - a.x, b.y - a.y]).toEqual([40, -25]);
    }
    const outside = graph.nodes.find((n) => !block.nodes.includes(n.id))!;
    expect(moved.nodes.find((n) => n.id === outside.id)!.position).toEqual(outside.position);
  });

  it('create, rename, ungroup; a deleted node leaves its group and an emptied group goes', () => {
    const g0 = loadExample('xor-mlp');
    const [a, b, c] = g0.nodes.map((n) => n.id);
    let g = groupNodes(new Set([a!, b!]))(g0);
    const id = groupsOf(g)[0]!.id;
    expect(groupsOf(g)[0]!.name).toBe('Group 1');
    g = renameGroupTo(id, '  hidden layer ')(g);
    expect(groupsOf(g)[0]!.name).toBe('hidden layer');
    expect(renameGroupTo(id, '   ')(g)).toBe(g);
    g = removeItems(g, new Set([a!]));
    expect(groupsOf(g)[0]!.nodes).toEqual([b]);
    expect(readGroups(g).problems).toEqual([]);
    expect(groupsOf(removeItems(g, new Set([b!])))).toEqual([]);
    expect(groupsOf(ungroup(id)(groupNodes(new Set([c!]))(g))).map((x) => x.nodes)).toEqual([[c]]);
  });

  it('are saved in the file and reopen identical', () => {
    const { grouped } = groupedLenet();
    const text = serializeGraph(renameGroupTo(groupsOf(grouped)[1]!.id, 'classifier')(grouped));
    const back = parseGraphText(text);
    if (!back.ok) throw new Error('did not reopen');
    expect(groupsOf(back.graph).map((g) => [g.name, g.collapsed, g.nodes.length])).toEqual([['features', true, 4], ['classifier', true, groupsOf(grouped)[1]!.nodes.length]]);
    expect(serializeGraph(back.graph)).toBe(text);
  });

  it('export and training see through collapsed groups: the same plan, the same files, the same losses', async () => {
    const { plain, grouped } = groupedLenet();
    expect(grouped.nodes).toBe(plain.nodes);
    expect(grouped.edges).toBe(plain.edges);
    const plan = (g: Graph) => {
      const r = compileGraph(g);
      if (!r.ok) throw new Error('does not compile');
      return r.plan;
    };
    expect(plan(grouped)).toEqual(plan(plain));
    for (const [id, exporter] of Object.entries(EXPORTERS)) {
      if (id === 'json') continue; // the graph file itself: it carries the groups, by design
      expect(exporter.export(grouped, {}), id).toEqual(exporter.export(plain, {}));
    }
    // Training: the XOR example with every node in one collapsed group trains to the same losses.
    const losses = async (graph: Graph) => {
      const s = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), epochs: 2, sliceMs: 5 });
      const out: number[] = [];
      s.on((e) => {
        if (e.type === 'batch') out.push(e.loss);
      });
      await s.start();
      return out;
    };
    const xor = loadExample('xor-mlp');
    const xorGrouped = setAllCollapsed(true)(groupNodes(new Set(xor.nodes.map((n) => n.id)))(xor));
    expect(groupsOf(xorGrouped)[0]!.collapsed).toBe(true);
    const [a, b] = [await losses(xor), await losses(xorGrouped)];
    expect(a.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it(`an imported model opens with its proposed groups, collapsed when it has more than ${COLLAPSE_ABOVE} nodes`, async () => {
    const small = await imported('resnet_small.onnx');
    const deep = await imported('resnet_deep.onnx');
    expect(small.nodes.length).toBeLessThanOrEqual(COLLAPSE_ABOVE);
    expect(deep.nodes.length).toBeGreaterThan(COLLAPSE_ABOVE);
    expect(groupsOf(small).length).toBeGreaterThan(3);
    expect(groupsOf(small).every((g) => !g.collapsed)).toBe(true);
    expect(groupsOf(deep).length).toBeGreaterThan(10);
    expect(groupsOf(deep).every((g) => g.collapsed)).toBe(true);
  });
});
