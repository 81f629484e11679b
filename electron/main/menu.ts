import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../../core/protocol/host';
import type { TemplateEntry } from './templates';

export interface MenuModel {
  appName: string;
  platform: NodeJS.Platform;
  templates: readonly TemplateEntry[];
  recent: readonly RecentFile[];
  /** Delivers a command to the renderer's `onMenuCommand`. */
  send: (command: MenuCommand) => void;
  /** Adds View ▸ Toggle Developer Tools when running unpackaged. */
  devTools: boolean;
}

/**
 * The application menu as plain data (no Electron calls), so it can be asserted in tests and rebuilt
 * whenever the recent list changes. Every app action is a MenuCommand for the renderer; only
 * window-level roles (quit, hide, devtools) are handled natively.
 */
export function buildMenuTemplate(model: MenuModel): MenuItemConstructorOptions[] {
  const isMac = model.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string, extra: Partial<MenuItemConstructorOptions> = {}) => ({
    id: command,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => model.send(command),
    ...extra,
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const templates: MenuItemConstructorOptions[] = model.templates.length
    ? model.templates.map((t) => cmd(t.label, `template:${t.id}`))
    : [{ label: 'No Templates Found', enabled: false }];
  const recent: MenuItemConstructorOptions[] = model.recent.length
    ? model.recent.map((f, i) => ({ ...cmd(f.name, `recent:${i}`), toolTip: f.path }))
    : [{ label: 'No Recent Files', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      cmd('New', 'new', 'CmdOrCtrl+N'),
      { label: 'New from Template', submenu: templates },
      sep,
      cmd('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      sep,
      cmd('Save', 'save', 'CmdOrCtrl+S'),
      cmd('Save As…', 'save-as', 'Shift+CmdOrCtrl+S'),
      sep,
      cmd('Import JSON…', 'import-json', 'CmdOrCtrl+I'),
      cmd('Import ONNX…', 'import-onnx'),
      {
        label: 'Export',
        submenu: [
          cmd('JSON…', 'export-json', 'Shift+CmdOrCtrl+E'),
          cmd('PyTorch…', 'export-pytorch'),
          cmd('Keras…', 'export-keras'),
          cmd('ONNX…', 'export-onnx'),
        ],
      },
      ...(isMac ? [] : [sep, { role: 'quit' as const, label: 'Quit', accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
      // Second accelerator for Redo (Windows/Linux habit); a menu item holds only one, so a hidden twin.
      { ...cmd('Redo', 'redo', 'CmdOrCtrl+Y', { visible: false, acceleratorWorksWhenHidden: true }), id: 'redo-alt' },
      sep,
      cmd('Cut', 'cut', 'CmdOrCtrl+X'),
      cmd('Copy', 'copy', 'CmdOrCtrl+C'),
      cmd('Paste', 'paste', 'CmdOrCtrl+V'),
      // Shown but not registered: a registered Delete would swallow the key in every text field.
      cmd('Delete', 'delete', 'Delete', { registerAccelerator: false }),
      sep,
      cmd('Select All', 'select-all', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      cmd('Fit to Window', 'fit-view', 'CmdOrCtrl+0'),
      cmd('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
      cmd('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
      sep,
      cmd('Minimap', 'toggle-minimap', 'Shift+CmdOrCtrl+M'),
      cmd('Auto Layout', 'layout', 'Shift+CmdOrCtrl+L'),
      ...(model.devTools ? [sep, { role: 'toggleDevTools' as const }] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help', role: 'help',
    submenu: [cmd('Lessons…', 'lessons'), cmd('Activation Explorer…', 'activation-explorer'), sep, cmd(`About ${model.appName}`, 'about')],
  };

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: model.appName,
          submenu: [{ role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, help];
}
