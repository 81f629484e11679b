import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge } from '../../../renderer/bridge/browser-bridge';

/** No DOM here: a stand-in for the hidden <input type=file> that "picks" the given file when clicked. */
function pickOnClick(file: { name: string; size: number; text: () => Promise<string> }) {
  const listeners = new Map<string, () => void>();
  const input = {
    style: {}, dataset: {}, files: [file],
    addEventListener: (type: string, l: () => void) => listeners.set(type, l),
    remove: () => undefined,
    click: () => listeners.get('change')!(),
  };
  vi.stubGlobal('document', { createElement: () => input, body: { append: () => undefined } });
}
afterEach(() => vi.unstubAllGlobals());

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as unknown as Storage;
};

describe('browser mode: opening a graph file', () => {
  it('refuses a file over 50 MB from its size, without reading it', async () => {
    const text = vi.fn(async () => '{}');
    pickOnClick({ name: 'huge.json', size: 60 * 1024 * 1024, text });
    await expect(createBrowserBridge(memoryStorage()).openFile()).rejects.toThrow(/huge\.json is 60 MB; graph files over 50 MB are not opened/);
    expect(text).not.toHaveBeenCalled();
  });

  it('reads a normal one', async () => {
    pickOnClick({ name: 'xor.json', size: 2, text: async () => '{}' });
    await expect(createBrowserBridge(memoryStorage()).openFile()).resolves.toEqual({ name: 'xor.json', text: '{}' });
  });
});
