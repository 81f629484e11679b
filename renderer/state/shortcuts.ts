import type { MenuCommand } from '../../core/protocol/host';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The editor's keyboard shortcuts, as the same commands the native menu sends. Cmd on macOS, Ctrl
 * elsewhere. Returns null for keys that are not ours (they keep their default behaviour).
 */
export function commandForKey(e: KeyLike, mac: boolean): MenuCommand | null {
  const mod = mac ? e.metaKey : e.ctrlKey;
  if (e.altKey) return null;
  if (!mod) {
    if (e.key === 'Delete' || e.key === 'Backspace') return e.shiftKey ? null : 'delete';
    return null;
  }
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (e.shiftKey) return k === 's' ? 'save-as' : null;
  switch (k) {
    case 'y': return 'redo';
    case 'c': return 'copy';
    case 'x': return 'cut';
    case 'v': return 'paste';
    case 'a': return 'select-all';
    case 's': return 'save';
    case 'o': return 'open';
    case 'n': return 'new';
    case '0': return 'fit-view';
    case '=': case '+': return 'zoom-in';
    case '-': return 'zoom-out';
    default: return null;
  }
}

/** Typing in a field keeps the field's own undo, copy and select-all. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
}

/**
 * In Electron a key may reach us twice: as a keydown and as the native menu's accelerator. The same
 * command from the other source within `windowMs` is the echo of one key press and is dropped.
 */
export function createCommandDeduper(windowMs = 150, now: () => number = () => Date.now()) {
  let last: { command: string; source: string; at: number } | null = null;
  return (command: string, source: 'keyboard' | 'menu' | 'ui'): boolean => {
    const t = now();
    const echo = last !== null && last.command === command && last.source !== source && source !== 'ui' && last.source !== 'ui' && t - last.at < windowMs;
    // The echo is swallowed and forgotten: the next repeat from the first source is a new press.
    if (!echo) last = { command, source, at: t };
    return !echo;
  };
}
