// Development/test entry for the engine worker: compiles the TypeScript entry on the fly with tsx.
// The packaged app bundles worker-entry.ts to JavaScript and starts that instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
