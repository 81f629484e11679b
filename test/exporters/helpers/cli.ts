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
