import { readFileSync, writeFileSync } from 'node:fs';
import { compileGraph } from '../../../core/compiler/compile';
import { encodeWeights, initialWeights } from '../../../core/weights';
import { parse } from './graphs';
import { main } from '../../../cli/main';
import type { Output } from '../../../cli/io';

/** Run the CLI in-process, capturing what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Output = { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

/**
 * A weights file for the XOR example that is clearly not its initial weights: every weight of d2 0
 * and its bias 0.25, so the model predicts sigmoid(0.25) for any input. For checking that
 * `--load-weights` reaches the exported model. Returns the file's path.
 */
export function writeConstantXorWeights(xorPath: string, file: string): string {
  const compiled = compileGraph(parse(JSON.parse(readFileSync(xorPath, 'utf8'))));
  if (!compiled.ok) throw new Error('no plan');
  const weights = initialWeights(compiled.plan, 1);
  weights[2]!.fill(0);
  weights[3]!.fill(0.25);
  writeFileSync(file, encodeWeights(compiled.plan, weights));
  return file;
}

/** What the XOR model predicts for every input with `writeConstantXorWeights`'s weights. */
export const CONSTANT_XOR_PREDICTION = 1 / (1 + Math.exp(-0.25));
