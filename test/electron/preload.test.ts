import { describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../../core/protocol/host';
import { INVOKE_CHANNELS } from '../../electron/ipc-contract';

/** The Electron edge for the preload: contextBridge records what is exposed, ipcRenderer records calls. */
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ..._args: unknown[]) => `result of ${channel}`),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    },
    /** Test helper: main pushing a message to the renderer. */
    emit: (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({}, ...args)),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  return { exposed, ipcRenderer, contextBridge };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../electron/preload');
const bridge = electron.exposed.get('netloom') as HostBridge;

describe('preload', () => {
  it('exposes exactly one object, window.netloom, and never ipcRenderer itself', () => {
    expect([...electron.exposed.keys()]).toEqual(['netloom']);
    expect(bridge.kind).toBe('electron');
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    for (const [key, value] of Object.entries(bridge)) {
      // The engine is the one nested object: plain functions again, no ipcRenderer inside.
      if (key === 'engine') for (const fn of Object.values(value as object)) expect(typeof fn).toBe('function');
      else expect(['function', 'string']).toContain(typeof value);
    }
  });

  it('maps each bridge function to its contract channel with the caller arguments only', async () => {
    const save = { suggestedName: 'a.json', text: '{}', saveAs: false };
    const exp = { suggestedName: 'm.py', contents: 'x', encoding: 'utf8' as const };
    const predictCmd = { type: 'predict' as const, requestId: 'p1', graph: {}, weights: { from: 'initial' as const }, input: { from: 'dataset' as const, count: 4 } };
    const calls: [() => unknown, string, unknown[]][] = [
      [() => bridge.openFile(), 'file:open', []],
      [() => bridge.openRecent('/r.json'), 'file:open-recent', ['/r.json']],
      [() => bridge.listRecent(), 'recent:list', []],
      [() => bridge.saveFile(save), 'file:save', [save]],
      [() => bridge.exportFile(exp), 'file:export', [exp]],
      [() => bridge.writeRecovery('snap'), 'recovery:write', ['snap']],
      [() => bridge.readRecovery(), 'recovery:read', []],
      [() => bridge.clearRecovery(), 'recovery:clear', []],
      [() => bridge.setDocumentState({ name: 'a', dirty: true }), 'document:set-state', [{ name: 'a', dirty: true }]],
      [() => bridge.engine!.start('r1', { g: 1 }, { epochs: 2 }), 'engine:start', ['r1', { g: 1 }, { epochs: 2 }]],
      [() => bridge.engine!.command({ type: 'pause', runId: 'r1' }), 'engine:command', [{ type: 'pause', runId: 'r1' }]],
      [() => bridge.engine!.predict!(predictCmd), 'engine:predict', [predictCmd]],
      [() => bridge.saveRuns!('/a/g.json', '{}'), 'runs:save', ['/a/g.json', '{}']],
      [() => bridge.readRuns!('/a/g.json'), 'runs:read', ['/a/g.json']],
      [() => bridge.editText!('paste'), 'edit:text', ['paste']],
    ];
    for (const [call, channel, args] of calls) {
      electron.ipcRenderer.invoke.mockClear();
      await call();
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
    }
    // Every channel in the contract is reachable from the bridge, and nothing else is.
    expect(calls.map((c) => c[1]).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('resolves with what main returns', async () => {
    await expect(bridge.readRecovery()).resolves.toBe('result of recovery:read');
  });

  it("passes on main's own message when a call fails, without Electron's remote-method prefix", async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'file:open-recent': Error: gone.json no longer exists; it was removed from Open Recent"),
    );
    await expect(bridge.openRecent('/a/gone.json')).rejects.toThrow(/^gone\.json no longer exists; it was removed from Open Recent$/);
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('EACCES: permission denied'));
    await expect(bridge.openFile()).rejects.toThrow(/^EACCES: permission denied$/);
  });

  it('setDocumentState reports a rejected call in the console instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('bad payload'));
    expect(() => bridge.setDocumentState({ name: 'a', dirty: false })).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(error).toHaveBeenCalledWith('setDocumentState failed:', expect.any(Error));
    error.mockRestore();
  });

  it('delivers engine frames until unsubscribed', () => {
    const received: unknown[] = [];
    const unsubscribe = bridge.engine!.onMessage((m) => received.push(m));
    electron.ipcRenderer.emit('engine:message', { type: 'frame', runId: 'r1' });
    electron.ipcRenderer.emit('engine:message', 'not a message');
    unsubscribe();
    electron.ipcRenderer.emit('engine:message', { type: 'frame', runId: 'r2' });
    expect(received).toEqual([{ type: 'frame', runId: 'r1' }]);
  });

  it('delivers menu commands until unsubscribed', () => {
    const received: string[] = [];
    const unsubscribe = bridge.onMenuCommand((c) => received.push(c));
    electron.ipcRenderer.emit('menu:command', 'save');
    electron.ipcRenderer.emit('menu:command', 'template:xor-mlp');
    electron.ipcRenderer.emit('other-channel', 'open');
    unsubscribe();
    electron.ipcRenderer.emit('menu:command', 'undo');
    expect(received).toEqual(['save', 'template:xor-mlp']);
  });
});
