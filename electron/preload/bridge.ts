import type { EngineMessage } from '../../core/protocol/engine';
import type { HostBridge, MenuCommand } from '../../core/protocol/host';
import { ENGINE_MESSAGE_CHANNEL, MENU_COMMAND_CHANNEL } from '../ipc-channels';
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../ipc-contract';

/** The slice of `ipcRenderer` the bridge uses; never handed to the page itself. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.netloom`: one plain function per action, each bound to exactly one contract channel,
 * so the page can never name a channel or pass an extra argument.
 */
export function createBridge(ipc: IpcRendererLike): HostBridge {
  const call = <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> =>
    (ipc.invoke(channel, ...args) as Promise<InvokeResult<C>>).catch((err: unknown) => {
      throw new Error(userMessage(err));
    });

  return {
    kind: 'electron',
    openFile: () => call('file:open'),
    openRecent: (path) => call('file:open-recent', path),
    listRecent: () => call('recent:list'),
    saveFile: (req) => call('file:save', req),
    exportFile: (req) => call('file:export', req),
    writeRecovery: (text) => call('recovery:write', text),
    readRecovery: () => call('recovery:read'),
    clearRecovery: () => call('recovery:clear'),
    setDocumentState: (state) => {
      // HostBridge makes this fire-and-forget; surface a rejection (bad payload) in the console.
      call('document:set-state', state).catch((err: unknown) => console.error('setDocumentState failed:', err));
    },
    onMenuCommand: (listener) => {
      // Only main can send on this channel and it sends MenuCommand values it built itself, so a cheap
      // shape check suffices here; importing the zod schema would pull zod into the sandboxed preload.
      const onMessage = (_event: unknown, command: unknown): void => {
        if (typeof command === 'string') listener(command as MenuCommand);
      };
      ipc.on(MENU_COMMAND_CHANNEL, onMessage);
      return () => {
        ipc.removeListener(MENU_COMMAND_CHANNEL, onMessage);
      };
    },
    saveRuns: (graphPath, text) => call('runs:save', graphPath, text),
    readRuns: (graphPath) => call('runs:read', graphPath),
    editText: (action) => call('edit:text', action),
    engine: {
      start: (runId, graph, options) => {
        call('engine:start', runId, graph, options).catch((err: unknown) => console.error('engine start failed:', err));
      },
      command: (command) => {
        call('engine:command', command).catch((err: unknown) => console.error('engine command failed:', err));
      },
      predict: (command) => call('engine:predict', command),
      onMessage: (listener) => {
        // Main validated these when they left the worker; the renderer's run store checks shapes again.
        const onMessage = (_event: unknown, message: unknown): void => {
          if (typeof message === 'object' && message !== null && 'type' in message) listener(message as EngineMessage);
        };
        ipc.on(ENGINE_MESSAGE_CHANNEL, onMessage);
        return () => {
          ipc.removeListener(ENGINE_MESSAGE_CHANNEL, onMessage);
        };
      },
    },
  };
}

/**
 * Electron rejects a failed invoke with "Error invoking remote method 'file:open': Error: <message>";
 * the renderer shows the message to the user, so only main's own words are kept.
 */
export function userMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}
