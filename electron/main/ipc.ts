import type { z } from 'zod';
import {
  INVOKE_CHANNELS,
  IPC_CONTRACT,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
} from '../ipc-contract';
import type { IpcEventLike } from './sender';

/** One implementation per contract channel; arguments arrive already validated. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
};

/** The slice of `ipcMain` this module needs, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export class IpcRejection extends Error {
  override name = 'IpcRejection';
}

/** "args[0].suggestedName: Too small…" — names the offending field so the renderer author can fix it. */
export function describeIssues(channel: string, error: z.ZodError): string {
  const details = error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    const where = issue.path.length === 0 ? 'arguments' : `args[${String(index)}]${rest.map((p) => `.${String(p)}`).join('')}`;
    return `${where}: ${issue.message}`;
  });
  return `Invalid arguments for '${channel}': ${details.join('; ')}`;
}

/**
 * Register every channel of the contract. Each call is checked twice before a handler runs: the sender
 * must pass `isTrusted` and the arguments must match the channel's zod tuple. Returns an unregister
 * function (used when the window goes away and by tests).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: InvokeHandlers,
  isTrusted: (event: IpcEventLike) => boolean,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcEventLike, ...rawArgs: unknown[]) => {
      if (!isTrusted(event)) {
        throw new IpcRejection(`'${channel}' refused: the sender is not the NetLoom window`);
      }
      const schema = IPC_CONTRACT[channel].args;
      const arity = schema.def.items.length;
      if (rawArgs.length !== arity) {
        throw new IpcRejection(`Invalid arguments for '${channel}': expected ${arity} argument(s), got ${rawArgs.length}`);
      }
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) throw new IpcRejection(describeIssues(channel, parsed.error));
      const handler = handlers[channel] as (...args: unknown[]) => unknown;
      return handler(...(parsed.data as unknown[]));
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
