import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, IPC_CONTRACT } from '../../electron/ipc-contract';
import { type InvokeHandlers, type IpcMainLike, registerIpcHandlers } from '../../electron/main/ipc';
import type { IpcEventLike } from '../../electron/main/sender';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  /** Mimics ipcMain: a throwing or rejecting listener becomes a rejected invoke(). */
  const invoke = async (channel: string, event: IpcEventLike, ...args: unknown[]) => {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  };
  return { ipc, handlers, invoke };
}

function stubHandlers(): InvokeHandlers {
  return {
    'file:open': vi.fn(async () => null),
    'file:open-recent': vi.fn(async () => null),
    'recent:list': vi.fn(async () => []),
    'file:save': vi.fn(async (req) => ({ path: '/x/y.json', name: req.suggestedName })),
    'file:export': vi.fn(async () => true),
    'recovery:write': vi.fn(async () => undefined),
    'recovery:read': vi.fn(async () => 'snapshot'),
    'recovery:clear': vi.fn(async () => undefined),
    'document:set-state': vi.fn(() => undefined),
    'engine:start': vi.fn(() => undefined),
    'engine:command': vi.fn(() => undefined),
    'engine:predict': vi.fn(async (cmd) => ({ type: 'predictError' as const, requestId: cmd.requestId, field: 'x', message: 'stub' })),
    'runs:save': vi.fn(async () => true),
    'runs:read': vi.fn(async () => null),
    'edit:text': vi.fn(() => undefined),
  };
}

const trusted: IpcEventLike = { sender: 'ours', senderFrame: { url: 'netloom://app/index.html' } };
const foreign: IpcEventLike = { sender: 'ours', senderFrame: { url: 'https://evil.example/' } };
const isTrusted = (event: IpcEventLike) => event === trusted;

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract and can unregister them', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpcHandlers(ipc, stubHandlers(), isTrusted);
    expect([...handlers.keys()].sort()).toEqual(Object.keys(IPC_CONTRACT).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it.each(INVOKE_CHANNELS)('%s rejects a call from a foreign frame without running the handler', async (channel) => {
    const { ipc, invoke } = fakeIpcMain();
    const impl = stubHandlers();
    registerIpcHandlers(ipc, impl, isTrusted);
    await expect(invoke(channel, foreign)).rejects.toThrow(/sender is not the NetLoom window/);
    expect(impl[channel]).not.toHaveBeenCalled();
  });

  it('passes validated arguments through and returns the handler result', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const impl = stubHandlers();
    registerIpcHandlers(ipc, impl, isTrusted);
    const req = { suggestedName: 'xor.json', text: '{}', saveAs: false };
    await expect(invoke('file:save', trusted, req)).resolves.toEqual({ path: '/x/y.json', name: 'xor.json' });
    expect(impl['file:save']).toHaveBeenCalledWith(req);
    await expect(invoke('recovery:read', trusted)).resolves.toBe('snapshot');
  });

  it('rejects a bad payload with a message naming the field', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const impl = stubHandlers();
    registerIpcHandlers(ipc, impl, isTrusted);
    await expect(invoke('file:save', trusted, { suggestedName: '', text: '{}', saveAs: false })).rejects.toThrow(
      /Invalid arguments for 'file:save': args\[0\]\.suggestedName/,
    );
    await expect(invoke('file:save', trusted, { suggestedName: 'a.json', text: 42, saveAs: false })).rejects.toThrow(
      /args\[0\]\.text/,
    );
    await expect(invoke('file:export', trusted, { suggestedName: 'm.onnx', contents: '', encoding: 'hex' })).rejects.toThrow(
      /args\[0\]\.encoding/,
    );
    await expect(invoke('document:set-state', trusted, { name: 'x' })).rejects.toThrow(/args\[0\]\.dirty/);
    expect(impl['file:save']).not.toHaveBeenCalled();
    expect(impl['document:set-state']).not.toHaveBeenCalled();
  });

  it('rejects extra or missing arguments', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const impl = stubHandlers();
    registerIpcHandlers(ipc, impl, isTrusted);
    await expect(invoke('file:open', trusted, '/etc/passwd')).rejects.toThrow(
      "Invalid arguments for 'file:open': expected 0 argument(s), got 1",
    );
    await expect(invoke('file:open-recent', trusted)).rejects.toThrow('expected 1 argument(s), got 0');
    await expect(invoke('file:open-recent', trusted, '')).rejects.toThrow(/args\[0\]: path must not be empty/);
    expect(impl['file:open']).not.toHaveBeenCalled();
    expect(impl['file:open-recent']).not.toHaveBeenCalled();
  });
});
