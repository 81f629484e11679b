#!/usr/bin/env node
// `node bin/check-node.mjs`: exits 1 with a plain message on an unsupported Node (first step of
// `npm start` and `npm run dist`, before Vite would fail with something obscure).
import { unsupportedNodeMessage } from './node-version.mjs';

const message = unsupportedNodeMessage(process.versions.node);
if (message) {
  console.error(message);
  process.exit(1);
}
