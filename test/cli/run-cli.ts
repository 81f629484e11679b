import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main';
import type { Output } from '../../cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `netloom <args>` in-process, capturing what it writes. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Output = {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    isTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Absolute path of a file under `test/fixtures/`. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** Absolute path of a file under the repository's `examples/`. */
export function examplePath(name: string): string {
  return fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
}

/** A Node stack frame line, which must never reach a user. */
export const STACK_FRAME = /^\s{4}at /m;
