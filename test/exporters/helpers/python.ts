import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian's interpreter: it has python3-torch and python3-onnx (the `python3` on PATH may be a pyenv
 * without them). Tests run Python through this path only.
 */
export const PYTHON = '/usr/bin/python3';
export const TORCHRUN = '/usr/bin/torchrun';

/**
 * Whether Debian's Python has a module, so parity suites can skip on a developer machine without it.
 * Under CI (`CI=true`, where .ci/run installs python3-torch and python3-onnx) a missing module is an
 * error instead: a parity suite must never skip silently there.
 */
export function hasPythonModule(module: string): boolean {
  const found = existsSync(PYTHON) && (() => {
    try {
      execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!found && process.env.CI) throw new Error(`CI needs ${PYTHON} with the "${module}" module (.ci/run installs it)`);
  return found;
}

/** Run Python; returns stdout, or throws with stderr in the message. */
export function runPython(args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync(PYTHON, args, {
      cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, OMP_NUM_THREADS: '1', ...options.env },
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}
