import { isAbsolute, resolve } from 'node:path';

/** Graph files the app is associated with (double-click in a file manager opens them). */
export const GRAPH_FILE_SUFFIX = '.netloom.json';

/**
 * The graph files named on a command line: how Windows and Linux pass a double-clicked file, both at
 * first launch and (through the single-instance lock) to the running app. Flags and the app or script
 * itself are skipped; `.json` files count too, since users also open plain `xor.json` graphs this way.
 */
export function graphPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.json'))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

/**
 * Files asked to open before the window can take them (macOS sends 'open-file' even before `ready`)
 * wait here; once the renderer is listening every request is delivered in order.
 */
export function createOpenQueue() {
  const pending: string[] = [];
  let deliver: ((path: string) => void) | null = null;
  return {
    request(path: string): void {
      if (deliver) deliver(path);
      else pending.push(path);
    },
    /** Start delivering (the renderer is ready); queued paths go first. */
    ready(handler: (path: string) => void): void {
      deliver = handler;
      for (const path of pending.splice(0)) handler(path);
    },
    /** The window went away: hold requests until the next one is ready. */
    pause(): void {
      deliver = null;
    },
  };
}
export type OpenQueue = ReturnType<typeof createOpenQueue>;
