#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx netloom` works right after `npm install`.
import { unsupportedNodeMessage } from './node-version.mjs';

const tooOld = unsupportedNodeMessage(process.versions.node);
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}
// Imported only after the check: tsx itself may not load on an unsupported Node.
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
