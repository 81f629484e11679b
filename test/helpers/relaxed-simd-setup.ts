// vitest setup file: every test process gets relaxed SIMD the way the CLI does (cli/wasm-features.ts), so
// the engine's default kernels under test are the FMA ones wherever the runtime can run them — the same
// choice Electron and Chromium make — whichever test file a worker happens to run first.
import { enableRelaxedSimd } from '../../cli/wasm-features';

enableRelaxedSimd();
