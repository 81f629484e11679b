import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../../core/exporters/onnx';
import { addGroup, readGroups, renameGroup, setCollapsed, withGroups } from '../../../core/graph/groups';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import { importOnnx } from '../../../core/importers/onnx';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import { decodeNpy } from '../../../core/util/npy';
import { encodeSafetensors } from '../../../core/weights';
import { exampleGraphs } from '../../exporters/helpers/graphs';

const lenet = () => exampleGraphs().find((c) => c.name === 'lenet5-mnist')!.graph;
const fixtures = fileURLToPath(new URL('../../fixtures/onnx/models-conv/', import.meta.url));

describe('group nodes (x-groups)', () => {
  it('are saved in the graph file and reopen identical, collapsed state and name included', () => {
    const g = lenet();
    const ids = g.nodes.map((n) => n.id);
    let groups = addGroup([], 'features', ids.slice(1, 4));
    groups = renameGroup(setCollapsed(groups, groups[0]!.id, true), groups[0]!.id, 'first conv block');
    const text = serializeGraph(withGroups(g, groups));
    expect(text).toContain('"x-groups"');
    const back = parseGraphText(text);
    if (!back.ok) throw new Error('did not reopen');
    expect(readGroups(back.graph)).toEqual({ groups: [{ id: 'g1', name: 'first conv block', nodes: ids.slice(1, 4), collapsed: true }], problems: [] });
    expect(serializeGraph(back.graph)).toBe(text);
  });

  it('are seen through by compile and export: the same plan and the same ONNX bytes', () => {
    const g = lenet();
    const grouped = withGroups(g, addGroup([], 'all', g.nodes.map((n) => n.id)));
    expect(exportOnnx(grouped)[0]!.contents).toEqual(exportOnnx(g)[0]!.contents);
    expect(compileForPrediction(grouped).tensors.length).toBe(compileForPrediction(g).tensors.length);
  });

  it('that are broken are named and left out, and the graph keeps every node', () => {
    const g = lenet();
    const [a, b] = g.nodes.map((n) => n.id);
    const bad = { ...g, 'x-groups': [{ id: 'g1', name: 'ok', nodes: [a] }, { id: 'g2', name: 'ghost', nodes: ['nope'] }, { id: 'g3', name: 'twice', nodes: [a, b] }, { id: 7 }] };
    const r = readGroups(bad);
    expect(r.groups.map((x) => x.name)).toEqual(['ok']);
    expect(r.problems.join('\n')).toMatch(/group "ghost": no node "nope"/);
    expect(r.problems.join('\n')).toMatch(/node ".*" is already in group "ok"/);
    expect(r.problems.join('\n')).toMatch(/x-groups\[3\]/);
    expect(bad.nodes.length).toBe(g.nodes.length);
  });

  it('a node moved into a new group leaves its old one; an emptied group disappears', () => {
    const first = addGroup([], 'a', ['n1', 'n2']);
    const second = addGroup(first, 'b', ['n1', 'n2']);
    expect(second.map((x) => [x.name, x.nodes])).toEqual([['b', ['n1', 'n2']]]);
  });

  it('are proposed by the ONNX importer from PyTorch name scopes (ResNet blocks) and change no prediction', () => {
    const bytes = new Uint8Array(readFileSync(`${fixtures}resnet_block_op17.onnx`));
    const r = importOnnx(bytes);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const { groups, problems } = readGroups(r.graph);
    expect(problems).toEqual([]);
    const names = groups.map((x) => x.name);
    expect(names).toEqual(['stem', 'layer1.0', 'layer1.1', 'head']);
    const block = groups.find((x) => x.name === 'layer1.0')!;
    const types = block.nodes.map((id) => r.graph.nodes.find((n) => n.id === id)!.type);
    // PyTorch folds each eval BatchNorm into its Conv: conv1, relu, conv2, the skip Add, relu.
    expect(types).toEqual(['Conv2D', 'Activation', 'Conv2D', 'Add', 'Activation']);
    const x = decodeNpy(new Uint8Array(readFileSync(`${fixtures}resnet_block_op17.x.npy`)));
    const plain = withGroups(r.graph, []);
    const w = encodeSafetensors(r.weights);
    expect(predict(compileForPrediction(r.graph), r.graph, x, w).data).toEqual(predict(compileForPrediction(plain), plain, x, w).data);
  });

  it("keep a block's skip Add in the block when BatchNorm stays a node (the deepest lone scopes widen first)", () => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/onnx/e2e/resnet_small.onnx', import.meta.url))));
    const r = importOnnx(bytes);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const { groups } = readGroups(r.graph);
    expect(groups.map((x) => x.name)).toEqual(['stem', 'layer1.0', 'down', 'layer1.1', 'layer1.2', 'head']);
    const types = groups.find((x) => x.name === 'layer1.0')!.nodes.map((id) => r.graph.nodes.find((n) => n.id === id)!.type);
    expect(types).toEqual(['Conv2D', 'BatchNorm', 'Activation', 'Conv2D', 'BatchNorm', 'Add', 'Activation']);
  });
});
