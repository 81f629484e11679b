import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOnnx } from '../../../core/importers/onnx';
import { readTensor } from '../../../core/importers/onnx/tensor';
import { compileForPrediction, predict } from '../../../core/inference/predict';
import { onnx, DataType, type OnnxTypes } from '../../../core/onnx/proto';
import { encodeSafetensors } from '../../../core/weights';
import { allCloseRatio } from './relative-error';

/**
 * The ONNX backend node test suite (ONNX's own conformance cases, Apache-2.0) run through NetLoom's
 * importer. The cases are generated, never committed: `scripts/onnx/gen_onnx_node.py` writes
 * `<dir>/node/<case>/model.onnx` with `test_data_set_0/input_*.pb` and `output_*.pb` (TensorProtos).
 */
const PYTHON = '/usr/bin/python3';
const GENERATOR = fileURLToPath(new URL('../../../scripts/onnx/gen_onnx_node.py', import.meta.url));

/** The operators the issue asks for, and the ones the importer maps beyond that list. */
export const SCOPE_OPS = new Set([
  'Gemm', 'MatMul', 'Add', 'Sum', 'Mul', 'Relu', 'LeakyRelu', 'PRelu', 'Elu', 'Selu', 'Sigmoid', 'Tanh', 'Softplus', 'Softsign',
  'HardSigmoid', 'HardSwish', 'Gelu', 'Softmax', 'LogSoftmax', 'Clip', 'Mish', 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool',
  'BatchNormalization', 'LayerNormalization', 'Flatten', 'Reshape', 'Transpose', 'Concat', 'Dropout', 'Identity', 'Gather', 'LSTM',
  'GRU', 'RNN', 'Constant', 'ConstantOfShape', 'Shape', 'Unsqueeze', 'Squeeze', 'ReduceMean', 'Cast', 'Slice', 'Split', 'Sub', 'Div',
]);

/** Where the generated suite lives: a cache under the OS temp dir, keyed by the installed onnx version. */
export function onnxVersion(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import onnx; print(onnx.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Generate the suite once into the cache (atomically: a half-written cache is never used). */
export function ensureNodeSuite(version: string): string {
  const dir = join(tmpdir(), `netloom-onnx-node-${version}`);
  if (existsSync(join(dir, 'node'))) return join(dir, 'node');
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const r = spawnSync(PYTHON, [GENERATOR, tmp], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generating the ONNX node tests failed:\n${r.stderr.slice(-2000)}`);
  if (!existsSync(dir)) renameSync(tmp, dir);
  else rmSync(tmp, { recursive: true, force: true });
  return join(dir, 'node');
}

export interface NodeCase {
  name: string;
  dir: string;
  model: OnnxTypes.ModelProto;
  ops: string[];
}

export function listCases(nodeDir: string): NodeCase[] {
  return readdirSync(nodeDir).sort().map((name) => {
    const dir = join(nodeDir, name);
    const model = onnx.ModelProto.decode(readFileSync(join(dir, 'model.onnx')));
    const ops = [...new Set((model.graph?.node ?? []).map((n) => (n.domain ? `${n.domain}.${n.opType}` : n.opType ?? '')))];
    return { name, dir, model, ops };
  });
}

/** A case is in scope when every op it uses is one NetLoom imports (some attribute may still be refused). */
export const inScope = (c: NodeCase): boolean => c.ops.every((op) => SCOPE_OPS.has(op));

function readPb(file: string): OnnxTypes.TensorProto {
  return onnx.TensorProto.decode(readFileSync(file));
}

export type Outcome =
  | { kind: 'pass'; worst: number }
  | { kind: 'refused'; message: string }
  | { kind: 'wrong'; message: string }
  | { kind: 'error'; message: string };

/**
 * Run one case. The first graph input is the data. With `bindExtra`, every further graph input
 * (Gemm's B, Conv's W, Add's second operand…) becomes an initializer holding its test value — a
 * NetLoom graph has one Input and its weights are constants — and only the first graph output is kept
 * (LSTM's Y_h, LayerNorm's Mean, Dropout's mask are then unused). Without it the model is imported as
 * written.
 */
export function runCase(c: NodeCase, bindExtra: boolean): Outcome {
  const model = onnx.ModelProto.decode(onnx.ModelProto.encode(c.model).finish());
  const g = model.graph!;
  const initNames = new Set((g.initializer ?? []).map((t) => t.name));
  const dataInputs = (g.input ?? []).filter((i) => !initNames.has(i.name));
  const inputs = dataInputs.map((_, i) => readPb(join(c.dir, 'test_data_set_0', `input_${i}.pb`)));
  if (bindExtra && dataInputs.length > 1) {
    for (let i = 1; i < dataInputs.length; i++) {
      // An omitted optional input ("" in the node) never appears as a graph input, so names line up.
      g.initializer = [...(g.initializer ?? []), { ...inputs[i]!, name: dataInputs[i]!.name }];
    }
  }
  if (bindExtra) g.output = (g.output ?? []).slice(0, 1);
  const bytes = onnx.ModelProto.encode(model).finish();
  const r = importOnnx(bytes, { name: c.name });
  if (!r.ok) return { kind: 'refused', message: r.problems.map((p) => p.message).join('\n') };
  try {
    const x = readTensor(inputs[0]!);
    const isInt = inputs[0]!.dataType === DataType.INT32 || inputs[0]!.dataType === DataType.INT64;
    const plan = compileForPrediction(r.graph);
    const y = predict(plan, r.graph, { shape: x.dims, dtype: isInt ? 'i8' : 'f4', data: x.data }, encodeSafetensors(r.weights));
    const want = readTensor(readPb(join(c.dir, 'test_data_set_0', 'output_0.pb')));
    if (y.shape.join() !== want.dims.join()) return { kind: 'wrong', message: `output shape [${y.shape.join(', ')}], ONNX says [${want.dims.join(', ')}]` };
    const worst = allCloseRatio(y.data, want.data);
    if (!(worst <= 1)) return { kind: 'wrong', message: `values differ: worst |got − want| is ${worst.toFixed(2)}× the allowance (rtol 1e-4, atol 1e-5)` };
    return { kind: 'pass', worst };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}
