import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { serializeGraph } from '../../core/graph/io';
import { importOnnx, type ImportProblem } from '../../core/importers/onnx';
import { encodeSafetensors, WEIGHTS_FORMAT, WEIGHTS_LAYOUT_NOTE, WEIGHTS_VERSION } from '../../core/weights';
import { CliError, type Output } from '../io';

export interface ImportFlags {
  output?: string;
  /** Where the weights go; default `<graph>.safetensors` beside the graph. */
  weights?: string;
}

/** `graph.json` → `graph.safetensors` (the file `netloom predict` looks for beside a graph). */
export function weightsPathBeside(graphPath: string): string {
  return graphPath.replace(/\.json$/i, '') + '.safetensors';
}

/**
 * `netloom import model.onnx -o graph.json [--weights FILE]`: an ONNX model as a NetLoom graph and
 * its weights. Nothing is written unless the whole model imports; exit 1 lists every problem.
 */
export async function importCommand(file: string, flags: ImportFlags, io: Output): Promise<number> {
  if (!flags.output) throw new CliError('netloom import: where should the graph go? give -o graph.json', 2);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? (e as Error).message})`);
  }
  const name = basename(file).replace(/\.onnx$/i, '');
  const r = importOnnx(bytes, { name, fileName: file });
  if (!r.ok) throw new CliError(`${file}: cannot import\n${r.problems.map(problemLine).join('\n')}`);
  const weightsPath = flags.weights ?? weightsPathBeside(flags.output);
  const weights = encodeSafetensors(r.weights, {
    format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, graph: r.graph.name, layout: WEIGHTS_LAYOUT_NOTE, source: basename(file),
  });
  await write(flags.output, serializeGraph(r.graph));
  await write(weightsPath, weights);
  const params = r.weights.reduce((s, w) => s + w.data.length, 0);
  io.out(`imported ${file}: ${r.graph.nodes.length} nodes, ${r.graph.edges.length} edges, ${params} parameters (opset ${r.report.opset}, from ${r.report.producer})\n`);
  io.out(`wrote ${flags.output} and ${weightsPath}\n`);
  if (r.report.folded.length) io.out(`folded ${r.report.folded.length} constant op${r.report.folded.length > 1 ? 's' : ''}: ${r.report.folded.join(', ')}\n`);
  if (r.report.fused.length) io.out(`recognised ${r.report.fused.join(", ")}\n`);
  if (r.report.dropped.length) io.out(`dropped ${r.report.dropped.length} op${r.report.dropped.length > 1 ? 's' : ''} that do nothing at inference: ${r.report.dropped.join(', ')}\n`);
  for (const note of r.report.notes) io.err(`note: ${note}\n`);
  return 0;
}

function problemLine(p: ImportProblem): string {
  return `  ${p.message}`;
}

async function write(path: string, contents: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  } catch (e) {
    throw new CliError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
