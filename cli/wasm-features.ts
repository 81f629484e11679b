import v8 from 'node:v8';

/**
 * Node 20's V8 has relaxed SIMD behind a flag (Node 22+, Electron and Chromium have it on). Turning it on
 * before the first kernel module is compiled lets the CLI run the FMA kernels (core/kernels/wasm/module.ts
 * still feature-detects: where this does nothing, the plain SIMD kernels run). Worker threads started
 * afterwards share the flag.
 */
export function enableRelaxedSimd(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
}
