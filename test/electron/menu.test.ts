import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MenuCommand } from '../../core/protocol/host';
import { buildMenuTemplate, type MenuModel } from '../../electron/main/menu';
import { listTemplates } from '../../electron/main/templates';

const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

function model(overrides: Partial<MenuModel> = {}): MenuModel & { send: ReturnType<typeof vi.fn> } {
  const send = vi.fn();
  return {
    appName: 'NetLoom',
    platform: 'linux',
    templates: [{ id: 'xor-mlp', label: 'XOR' }],
    recent: [
      { path: '/docs/a.json', name: 'a.json' },
      { path: '/docs/b.json', name: 'b.json' },
    ],
    devTools: false,
    ...overrides,
    send,
  };
}

const submenuOf = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : [];

function topMenu(menu: MenuItemConstructorOptions[], label: string) {
  const found = menu.find((m) => m.label?.replace('&', '') === label);
  if (!found) throw new Error(`no ${label} menu`);
  return submenuOf(found);
}

function item(items: MenuItemConstructorOptions[], label: string) {
  const found = items.find((i) => i.label === label && i.visible !== false);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

/** Simulates a user picking the item; Electron passes (item, window, event). */
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

describe('application menu', () => {
  it.each([
    ['File', 'New', 'new', 'CmdOrCtrl+N'],
    ['File', 'Open…', 'open', 'CmdOrCtrl+O'],
    ['File', 'Save', 'save', 'CmdOrCtrl+S'],
    ['File', 'Save As…', 'save-as', 'Shift+CmdOrCtrl+S'],
    ['File', 'Import JSON…', 'import-json', 'CmdOrCtrl+I'],
    ['Edit', 'Undo', 'undo', 'CmdOrCtrl+Z'],
    ['Edit', 'Redo', 'redo', 'Shift+CmdOrCtrl+Z'],
    ['Edit', 'Cut', 'cut', 'CmdOrCtrl+X'],
    ['Edit', 'Copy', 'copy', 'CmdOrCtrl+C'],
    ['Edit', 'Paste', 'paste', 'CmdOrCtrl+V'],
    ['Edit', 'Delete', 'delete', 'Delete'],
    ['Edit', 'Select All', 'select-all', 'CmdOrCtrl+A'],
    ['View', 'Fit to Window', 'fit-view', 'CmdOrCtrl+0'],
    ['View', 'Zoom In', 'zoom-in', 'CmdOrCtrl+='],
    ['View', 'Zoom Out', 'zoom-out', 'CmdOrCtrl+-'],
    ['View', 'Minimap', 'toggle-minimap', 'Shift+CmdOrCtrl+M'],
    ['View', 'Auto Layout', 'layout', 'Shift+CmdOrCtrl+L'],
    ['Help', 'About NetLoom', 'about', undefined],
    ['Help', 'Lessons…', 'lessons', undefined],
    ['Help', 'Activation Explorer…', 'activation-explorer', undefined],
  ])('%s ▸ %s sends %s with accelerator %s', (menu, label, command, accelerator) => {
    const m = model();
    const entry = item(topMenu(buildMenuTemplate(m), menu), label);
    expect(entry.accelerator).toBe(accelerator);
    click(entry);
    expect(m.send).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('File ▸ Export has JSON / PyTorch / Keras / ONNX', () => {
    const m = model();
    const exportMenu = submenuOf(item(topMenu(buildMenuTemplate(m), 'File'), 'Export'));
    for (const i of exportMenu) click(i);
    expect(exportMenu.map((i) => i.label)).toEqual(['JSON…', 'PyTorch…', 'Keras…', 'ONNX…']);
    expect(m.send.mock.calls.map((c) => c[0])).toEqual(['export-json', 'export-pytorch', 'export-keras', 'export-onnx']);
  });

  it('Redo also answers CmdOrCtrl+Y through a hidden twin item', () => {
    const m = model();
    const twin = topMenu(buildMenuTemplate(m), 'Edit').find((i) => i.accelerator === 'CmdOrCtrl+Y');
    expect(twin?.visible).toBe(false);
    click(twin!);
    expect(m.send).toHaveBeenCalledWith('redo');
  });

  it('Delete shows its key but leaves it to text fields and the canvas', () => {
    expect(item(topMenu(buildMenuTemplate(model()), 'Edit'), 'Delete').registerAccelerator).toBe(false);
  });

  it('New from Template lists templates and sends template:<id>', () => {
    const m = model({ templates: [{ id: 'xor-mlp', label: 'XOR' }, { id: 'spiral-tanh', label: 'Spiral' }] });
    const templates = submenuOf(item(topMenu(buildMenuTemplate(m), 'File'), 'New from Template'));
    expect(templates.map((t) => t.label)).toEqual(['XOR', 'Spiral']);
    click(templates[1]!);
    expect(m.send).toHaveBeenCalledWith('template:spiral-tanh');
  });

  it('Open Recent lists recent files and sends recent:<index>; empty list shows a disabled item', () => {
    const m = model();
    const recent = submenuOf(item(topMenu(buildMenuTemplate(m), 'File'), 'Open Recent'));
    expect(recent.map((r) => r.label)).toEqual(['a.json', 'b.json']);
    click(recent[1]!);
    expect(m.send).toHaveBeenCalledWith('recent:1');
    const empty = submenuOf(item(topMenu(buildMenuTemplate(model({ recent: [] })), 'File'), 'Open Recent'));
    expect(empty).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('every command any item can send is a valid MenuCommand', () => {
    const m = model();
    const visit = (items: MenuItemConstructorOptions[]): void => {
      for (const i of items) {
        if (typeof i.click === 'function') click(i);
        visit(submenuOf(i));
      }
    };
    visit(buildMenuTemplate(m));
    expect(m.send.mock.calls.length).toBeGreaterThan(20);
    for (const [command] of m.send.mock.calls) expect(MenuCommand.safeParse(command).success, String(command)).toBe(true);
  });

  it('macOS gets an app menu with Quit; other platforms put Quit in File', () => {
    const mac = buildMenuTemplate(model({ platform: 'darwin' }));
    expect(mac[0]?.label).toBe('NetLoom');
    expect(submenuOf(mac[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(topMenu(mac, 'File').some((i) => i.role === 'quit')).toBe(false);
    const linux = buildMenuTemplate(model());
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(topMenu(linux, 'File').some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers developer tools only when asked (unpackaged builds)', () => {
    const hasDevTools = (devTools: boolean) =>
      topMenu(buildMenuTemplate(model({ devTools })), 'View').some((i) => i.role === 'toggleDevTools');
    expect(hasDevTools(false)).toBe(false);
    expect(hasDevTools(true)).toBe(true);
  });
});

describe('listTemplates', () => {
  it('lists every example shipped in examples/, labelled with the graph name', async () => {
    const templates = await listTemplates(EXAMPLES_DIR);
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
    expect(templates.map((t) => `${t.id}.json`).sort()).toEqual(files.sort());
    expect(templates.find((t) => t.id === 'xor-mlp')?.label).toBe('XOR');
    for (const t of templates) expect(MenuCommand.safeParse(`template:${t.id}`).success).toBe(true);
  });

  it('returns nothing for a missing folder', async () => {
    expect(await listTemplates(join(EXAMPLES_DIR, 'does-not-exist'))).toEqual([]);
  });
});
