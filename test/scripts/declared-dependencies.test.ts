import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every package the build, the scripts and the shipped code import is declared; nothing unused is. */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'assembly') return [];
    return statSync(full).isDirectory() ? files(full) : /\.(m?[jt]s|tsx)$/.test(name) ? [full] : [];
  });
}

function packagesImportedBy(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\s)(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('package.json declares what is used', () => {
  it('build/, scripts/, bin/, electron/, node/, cli/ and core/ import only declared packages', () => {
    const undeclared = ['build', 'scripts', 'bin', 'electron', 'node', 'cli', 'core'].flatMap((d) =>
      files(join(root, d)).flatMap((f) => packagesImportedBy(f).filter((p) => !declared.has(p)).map((p) => `${relative(root, f)} imports ${p}`)),
    );
    expect(undeclared).toEqual([]);
  });

  it('esbuild (build/build-electron.mjs) is declared; write-file-atomic (unused: the app has its own atomic write) is not', () => {
    expect(packagesImportedBy(join(root, 'build', 'build-electron.mjs'))).toContain('esbuild');
    expect(declared.has('esbuild')).toBe(true);
    expect(declared.has('write-file-atomic')).toBe(false);
  });
});
