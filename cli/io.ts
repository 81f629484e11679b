import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatProblem, type Problem } from '../core/graph/problem';
import { parseGraphText } from '../core/graph/io';
import type { Graph } from '../core/graph/schema';

/** What a command writes; tests pass their own to capture output. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

export const processOutput: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Read and parse a graph file; on any defect throw a CliError listing one problem per line. */
export async function loadGraphFile(path: string): Promise<{ graph: Graph; baseDir: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (e as Error).message})`);
  }
  const parsed = parseGraphText(text);
  if (!parsed.ok) throw new CliError(problemLines(parsed.problems));
  return { graph: parsed.graph, baseDir: dirname(resolve(path)) };
}

export function problemLines(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
