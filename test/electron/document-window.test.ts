import { describe, expect, it, vi } from 'vitest';
import { attachDocumentWindow, type CloseChoice, formatTitle } from '../../electron/main/document-window';

function fakeWindow() {
  let closeListener: ((event: { preventDefault(): void }) => void) | null = null;
  const win = {
    title: '',
    closed: false,
    edited: undefined as boolean | undefined,
    setTitle: (t: string) => {
      win.title = t;
    },
    setDocumentEdited: (e: boolean) => {
      win.edited = e;
    },
    on: (_event: 'close', listener: (event: { preventDefault(): void }) => void) => {
      closeListener = listener;
    },
    /** Like BrowserWindow.close(): emits 'close' and closes unless a listener prevents it. */
    close: () => {
      let prevented = false;
      closeListener?.({ preventDefault: () => (prevented = true) });
      if (!prevented) win.closed = true;
    },
  };
  return win;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(choice: CloseChoice, platform: NodeJS.Platform = 'linux') {
  const win = fakeWindow();
  const askToSave = vi.fn(async () => choice);
  const send = vi.fn();
  const doc = attachDocumentWindow(win, { appName: 'NetLoom', platform, askToSave, send });
  return { win, doc, askToSave, send };
}

describe('document title', () => {
  it('shows the file name and an unsaved marker', () => {
    expect(formatTitle('NetLoom', null)).toBe('NetLoom');
    expect(formatTitle('NetLoom', { name: 'xor.json', dirty: false })).toBe('xor.json — NetLoom');
    expect(formatTitle('NetLoom', { name: 'xor.json', dirty: true })).toBe('xor.json • — NetLoom');
  });

  it('follows setDocumentState, including the macOS edited dot', () => {
    const { win, doc } = setup('cancel', 'darwin');
    expect(win.title).toBe('NetLoom');
    doc.setState({ name: 'Untitled', dirty: true });
    expect(win.title).toBe('Untitled • — NetLoom');
    expect(win.edited).toBe(true);
    doc.setState({ name: 'xor.json', dirty: false });
    expect(win.title).toBe('xor.json — NetLoom');
    expect(win.edited).toBe(false);
  });
});

describe('closing with unsaved changes', () => {
  it('closes without asking when the document is clean', () => {
    const { win, doc, askToSave } = setup('cancel');
    doc.setState({ name: 'a.json', dirty: false });
    win.close();
    expect(win.closed).toBe(true);
    expect(askToSave).not.toHaveBeenCalled();
  });

  it('Cancel keeps the window open', async () => {
    const { win, doc, askToSave } = setup('cancel');
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    await flush();
    expect(askToSave).toHaveBeenCalledWith('a.json');
    expect(win.closed).toBe(false);
  });

  it("Don't Save closes the window", async () => {
    const { win, doc, send } = setup('discard');
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    await flush();
    expect(win.closed).toBe(true);
    expect(send).not.toHaveBeenCalled();
  });

  it('Save asks the renderer to save and closes once it reports a clean document', async () => {
    const { win, doc, send } = setup('save');
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    await flush();
    expect(send).toHaveBeenCalledWith('save');
    expect(win.closed).toBe(false);
    doc.saveSettled(true);
    doc.setState({ name: 'a.json', dirty: false });
    expect(win.closed).toBe(true);
  });

  it('a cancelled save abandons the close, and a later save does not close by surprise', async () => {
    const { win, doc } = setup('save');
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    await flush();
    doc.saveSettled(false);
    doc.setState({ name: 'a.json', dirty: false });
    expect(win.closed).toBe(false);
  });

  it('asks only once while the prompt is open', async () => {
    const { win, doc, askToSave } = setup('cancel');
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    win.close();
    await flush();
    expect(askToSave).toHaveBeenCalledOnce();
  });
});

describe('what the prompt reports back (quit and recovery)', () => {
  function withHooks(choice: CloseChoice) {
    const win = fakeWindow();
    const onDiscard = vi.fn(async () => undefined);
    const onCloseCancelled = vi.fn();
    const doc = attachDocumentWindow(win, { appName: 'NetLoom', platform: 'darwin', askToSave: async () => choice, send: vi.fn(), onDiscard, onCloseCancelled });
    doc.setState({ name: 'a.json', dirty: true });
    return { win, doc, onDiscard, onCloseCancelled };
  }

  it("Don't Save discards (so the recovery snapshot can go) before the window closes", async () => {
    const { win, onDiscard, onCloseCancelled } = withHooks('discard');
    win.close();
    await flush();
    expect(onDiscard).toHaveBeenCalledOnce();
    expect(win.closed).toBe(true);
    expect(onCloseCancelled).not.toHaveBeenCalled();
  });

  it('Cancel, and a save that fails, report the close as cancelled', async () => {
    const cancel = withHooks('cancel');
    cancel.win.close();
    await flush();
    expect(cancel.onCloseCancelled).toHaveBeenCalledOnce();
    expect(cancel.onDiscard).not.toHaveBeenCalled();

    const save = withHooks('save');
    save.win.close();
    await flush();
    save.doc.saveSettled(false);
    expect(save.onCloseCancelled).toHaveBeenCalledOnce();
  });

  it('a recovery snapshot that cannot be removed does not keep the window open', async () => {
    const win = fakeWindow();
    const doc = attachDocumentWindow(win, {
      appName: 'NetLoom', platform: 'linux', askToSave: async () => 'discard', send: vi.fn(),
      onDiscard: async () => Promise.reject(new Error('EACCES')),
    });
    doc.setState({ name: 'a.json', dirty: true });
    win.close();
    await flush();
    await flush();
    expect(win.closed).toBe(true);
  });
});
