// `npm run lint:security`: electronegativity over electron/, plus our own checks (scripts/security/),
// judged against the reviewed allowlist. electronegativity always exits 0, so its SARIF report is read
// and every finding must be justified in scripts/security/allowlist.json; this script exits 1 otherwise.
// Runs offline: the one check that downloads Electron's release list is left out (versions are pinned
// in package.json and upgraded deliberately).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Allowlist, findingsFromSarif, judge } from './security/allowlist';
import { checkSource, type Finding, SCANNED_EXTENSIONS } from './security/custom-checks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --target / --allowlist: another folder and list (the tests run the whole pipeline on small fixtures).
const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const target = option('--target', join(root, 'electron'));
const allowlist = Allowlist.parse(JSON.parse(readFileSync(option('--allowlist', join(root, 'scripts', 'security', 'allowlist.json')), 'utf8')));
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SCANNED_EXTENSIONS.includes(extname(name)) ? [full] : [];
  });
}

/** electronegativity reads only .js/.jsx/.ts/.tsx: give it a copy where .mjs/.cjs/.mts/.cts are renamed. */
function copyForElectronegativity(): { dir: string; rename: (file: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-security-'));
  cpSync(target, dir, { recursive: true });
  const renamed = new Map<string, string>();
  const RENAME: Record<string, string> = { '.mjs': '.js', '.cjs': '.js', '.mts': '.ts', '.cts': '.ts' };
  for (const file of sourceFiles(dir)) {
    const to = RENAME[extname(file)];
    if (!to) continue;
    const next = `${file.slice(0, -extname(file).length)}.scanned${to}`;
    renameSync(file, next);
    renamed.set(relative(dir, next).split('\\').join('/'), relative(dir, file).split('\\').join('/'));
  }
  return { dir, rename: (f) => renamed.get(f) ?? f };
}

function runElectronegativity(): Finding[] {
  const copy = copyForElectronegativity();
  const report = join(copy.dir, '..', `${copy.dir.split(/[\\/]/).pop()}.sarif`);
  try {
    const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
    const run = spawnSync(process.execPath, [cli, '-i', copy.dir, '-o', report, '-r', '-v', 'false', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.error) throw run.error;
    let sarif: unknown;
    try {
      sarif = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      throw new Error(`electronegativity wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    return findingsFromSarif(sarif, copy.rename);
  } finally {
    rmSync(copy.dir, { recursive: true, force: true });
    rmSync(report, { force: true });
  }
}

const ours = sourceFiles(target).flatMap((file) =>
  checkSource(relative(target, file).split('\\').join('/'), readFileSync(file, 'utf8'), { openExternalOrigins: allowlist.openExternalOrigins }),
);
const theirs = runElectronegativity();
const { unexplained, stale } = judge([...theirs, ...ours], allowlist);

console.log(`lint:security: ${theirs.length} electronegativity finding(s), ${ours.length} from our checks, ${allowlist.findings.length} allowlisted.`);
for (const f of unexplained) console.error(`  ✗ ${f.rule} electron/${f.file === '*' ? '' : f.file}${f.line ? `:${f.line}` : ''} — ${f.message}`);
for (const e of stale) console.error(`  ✗ stale allowlist entry ${e.rule} (${e.file}): nothing matches it any more; remove it`);
if (unexplained.length || stale.length) {
  console.error('lint:security: fix the findings above, or justify each in scripts/security/allowlist.json (reviewed).');
  process.exit(1);
}
console.log('lint:security: OK');
