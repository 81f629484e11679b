import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { kernelModule } from '../../../core/kernels/wasm/module';

describe('embedded wasm kernels', () => {
  it('compile in this runtime (SIMD available)', () => {
    expect(kernelModule()).not.toBeNull();
  });

  // A fresh AssemblyScript build must give exactly the embedded module, so it cannot go stale.
  it('match a fresh build of core/kernels/wasm/assembly', () => {
    const out = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});
