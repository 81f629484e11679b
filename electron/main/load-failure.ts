/**
 * A window is shown only on 'ready-to-show', so a renderer that never loads (missing dist/renderer, a
 * broken bundle) would leave an invisible window and a process with no way to end it. Instead the
 * user is told what failed and the app exits with a non-zero code.
 */
export interface LoadFailureContents {
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
}

export interface LoadFailureDeps {
  showError: (title: string, content: string) => void;
  exit: (code: number) => void;
}

/** ERR_ABORTED: a load replaced by another one (navigation we refused, a reload) — not a failure. */
const ERR_ABORTED = -3;

export function watchLoadFailures(contents: LoadFailureContents, deps: LoadFailureDeps): void {
  let failed = false;
  const fail = (content: string) => {
    if (failed) return;
    failed = true;
    deps.showError('NetLoom could not open its window', content);
    deps.exit(1);
  };
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    fail(`Loading ${validatedURL} failed: ${errorDescription} (${errorCode}).\n\nReinstalling NetLoom usually fixes this.`);
  });
}
