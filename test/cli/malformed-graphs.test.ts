import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli, STACK_FRAME } from './run-cli';

interface Row {
  file: string;
  /** 1: the graph is wrong. (2 is reserved for usage errors.) */
  code: 1;
  /** Must appear in stderr: where the problem is (path, node or edge id) and what was found. */
  message: string | RegExp;
  /**
   * Problem lines printed; 1 unless the defect really leaves a second thing wrong (a port that nothing
   * feeds), so one mistake does not bury its message under follow-on noise.
   */
  lines?: number;
}

const KNOWN_TYPES = 'Input, Dense, Dropout, NALU, SelfAttention, Add, Concat, Flatten, LayerNorm, MeanPool, Activation, Loss, Conv2D, Conv1D, MaxPool2D, AvgPool2D, MaxPool1D, AvgPool1D, GlobalAvgPool, BatchNorm, Reshape, Permute, Multiply';

const ROWS: Row[] = [
  // The file itself
  { file: 'not-json.json', code: 1, message: /^graph: not valid JSON: .*line 7,? column 18/m },
  { file: 'not-object.json', code: 1, message: 'graph: a graph file must be a JSON object, got an array' },
  { file: 'wrong-format.json', code: 1, message: 'format: must be "netloom-graph", got "netloom-graf"' },
  { file: 'newer-version.json', code: 1, message: /^version: this file is graph format version 7, newer than .*; update NetLoom to open it$/m },
  { file: 'missing-version.json', code: 1, message: 'version: must be a non-negative integer, got nothing' },
  { file: 'missing-nodes.json', code: 1, message: 'nodes: must be an array, got nothing' },
  { file: 'nodes-not-array.json', code: 1, message: 'nodes: must be an array, got an object' },
  { file: 'node-without-id.json', code: 1, message: 'nodes[1].id: is required' },
  { file: 'node-id-not-string.json', code: 1, message: 'nodes[3].id: must be a string, got 2' },
  { file: 'params-not-object.json', code: 1, message: 'nodes[1].params (id "d1"): must be an object, got an array' },
  { file: 'unknown-top-level-field.json', code: 1, message: 'layers: unknown field "layers" (extension fields must start with "x-")' },
  // Nodes and their params
  { file: 'duplicate-node-id.json', code: 1, message: 'nodes[2] (id "d1"): duplicate node id, also used by nodes[1]' },
  { file: 'unknown-node-type.json', code: 1, message: `nodes[1] (id "d1"): unknown node type "Conv3D"; known types: ${KNOWN_TYPES}` },
  { file: 'unknown-activation-fn.json', code: 1, message: /^nodes\[2\] \(id "a1"\): Activation\.fn must be one of linear, .*\btanh\b.*, got "swish"$/m },
  { file: 'dense-units-zero.json', code: 1, message: 'nodes[1] (id "d1"): Dense.units must be a positive integer, got 0' },
  { file: 'dense-units-fraction.json', code: 1, message: 'nodes[1] (id "d1"): Dense.units must be a positive integer, got 2.5' },
  { file: 'dropout-rate-too-high.json', code: 1, message: 'nodes[2] (id "drop"): Dropout.rate must be in [0, 1), got 1.5' },
  { file: 'unknown-param.json', code: 1, message: 'nodes[1] (id "d1"): Dense has no parameter "activation" (it has units, bias, init)' },
  // Edges and ports
  { file: 'duplicate-edge-id.json', code: 1, message: 'edges[3] (id "e3"): duplicate edge id, also used by edges[2]' },
  { file: 'dangling-edge-source.json', code: 1, message: 'edges[2].source (id "e3"): source "a9" is not a node in this graph' },
  { file: 'dangling-edge-target.json', code: 1, message: 'edges[4].target (id "e5"): target "los" is not a node in this graph', lines: 2 },
  { file: 'edge-into-input.json', code: 1, message: 'edges[5] (id "e6"): Input has no inputs; an edge cannot end there' },
  { file: 'edge-out-of-loss.json', code: 1, message: 'edges[5] (id "e6"): Loss has no outputs; an edge cannot start there' },
  { file: 'add-missing-handle.json', code: 1, message: 'edges[1].targetHandle (id "e2"): targetHandle is required: Add has inputs a, b', lines: 2 },
  { file: 'add-unknown-handle.json', code: 1, message: 'edges[2].targetHandle (id "e3"): Add has no input "c" (it has a, b)', lines: 2 },
  { file: 'two-edges-into-one-port.json', code: 1, message: 'edges[5] (id "e6"): second edge into input "in" of "d2", which takes one (edge "e3" already feeds it)' },
  { file: 'unconnected-port.json', code: 1, message: 'nodes[2] (id "add"): input "b" of Add is not connected' },
  { file: 'cycle.json', code: 1, message: 'nodes[3] (id "a1"): part of a cycle: "a1" → "add" → "a1"' },
  // Graph-wide rules
  { file: 'no-input.json', code: 1, message: 'nodes: the graph has no Input node', lines: 2 },
  { file: 'two-losses.json', code: 1, message: 'nodes[6] (id "loss2"): more than one Loss node ("loss", "loss2")' },
  // Shapes and targets
  {
    file: 'add-shape-mismatch.json', code: 1,
    message: 'nodes[2] (id "add"): Add needs inputs of equal shape, got a [B, 8] and b [B, 2] (input a = [B, 8] from "d1", b = [B, 2] from "in")',
  },
  { file: 'bce-on-mnist.json', code: 1, message: /^nodes\[5\] \(id "loss"\): Loss bce needs a binary target .*the dataset has 10 classes, the prediction is \[B, 10\]/m },
  { file: 'cross-entropy-wrong-outputs.json', code: 1, message: /^nodes\[5\] \(id "loss"\): Loss cross_entropy needs one output per class \(10\).*the prediction is \[B, 8\]/m },
  { file: 'sequence-into-loss.json', code: 1, message: /^nodes\[4\] \(id "loss"\): Loss needs a flat prediction \[B, n\], got \[B, 8, 1\]; add Flatten or MeanPool/m },
  // Training settings
  { file: 'unknown-dataset.json', code: 1, message: /^training\.dataset\.name: unknown dataset "moons" \(known: xor, .*mnist.*\)$/m },
  { file: 'dataset-noise-out-of-range.json', code: 1, message: 'training.dataset.noise: must be in [0, 1], got 2' },
  { file: 'optimizer-lr-negative.json', code: 1, message: 'training.optimizer.lr: must be > 0, got -0.1' },
  { file: 'optimizer-unknown-type.json', code: 1, message: 'training.optimizer.type: must be one of "sgd", "rmsprop", "adam", "adamw", got "adagrad"' },
  { file: 'batch-size-zero.json', code: 1, message: 'training.batchSize: must be ≥ 1, got 0' },
];

const DIR = 'malformed';

describe('netloom validate on malformed graphs', () => {
  it('has exactly one table row per fixture file', () => {
    const files = readdirSync(fixturePath(DIR)).filter((f) => f.endsWith('.json')).sort();
    const rows = ROWS.map((r) => r.file).sort();
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows).toEqual(files);
  });

  it.each(ROWS)('$file', async ({ file, code, message, lines = 1 }) => {
    const r = await runCli(['validate', fixturePath(`${DIR}/${file}`)]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(lines);
  });
});
