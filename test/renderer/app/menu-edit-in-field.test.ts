import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../../../core/protocol/host';
import { createCommandRunner } from '../../../renderer/app/commands';
import type { FileActions } from '../../../renderer/app/file-actions';
import { createConnectingStore, createUiStore } from '../../../renderer/app/ui-state';
import { createDocumentStore } from '../../../renderer/state/document-store';

/** No DOM here: `document` is just the focused element the command runner looks at. */
function withFocus(tagName: string | null) {
  vi.stubGlobal('document', { activeElement: tagName ? { tagName, isContentEditable: false } : null, execCommand: vi.fn() });
}
afterEach(() => vi.unstubAllGlobals());

function runner(editText?: HostBridge['editText']) {
  const bridge = { kind: 'electron', ...(editText ? { editText } : {}) } as unknown as HostBridge;
  const store = createDocumentStore();
  const s = { bridge, store, ui: createUiStore(), connecting: createConnectingStore() };
  return { store, run: createCommandRunner(s, {} as FileActions, {} as never).run };
}

describe('Edit menu items while typing in a field (desktop)', () => {
  it.each([
    ['paste', 'paste'],
    ['copy', 'copy'],
    ['cut', 'cut'],
    ['undo', 'undo'],
    ['redo', 'redo'],
    ['select-all', 'selectAll'],
  ] as const)('%s goes to the host as the native %s command, not execCommand', async (command, action) => {
    withFocus('INPUT');
    const editText = vi.fn(async () => undefined);
    const { run, store } = runner(editText);
    const select = vi.spyOn(store, 'selectAll');
    await run(command, 'menu');
    expect(editText).toHaveBeenCalledWith(action);
    expect((document as unknown as { execCommand: ReturnType<typeof vi.fn> }).execCommand).not.toHaveBeenCalled();
    expect(select).not.toHaveBeenCalled();
  });

  it('with no field focused the same menu item acts on the graph', async () => {
    withFocus('DIV');
    const editText = vi.fn(async () => undefined);
    const { run, store } = runner(editText);
    const select = vi.spyOn(store, 'selectAll');
    await run('select-all', 'menu');
    expect(editText).not.toHaveBeenCalled();
    expect(select).toHaveBeenCalled();
  });
});
