import { APP_HOST, APP_SCHEME } from './protocol';

/** The parts of an IPC event and of our window that decide whether a message may be trusted. */
export interface SenderFrameLike {
  readonly url: string;
}
export interface IpcEventLike {
  readonly sender: unknown;
  readonly senderFrame: SenderFrameLike | null;
}
export interface TrustedWindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: unknown };
}

/** Standard custom schemes have an opaque `origin` in WHATWG URL, so compare scheme and host directly. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Only the main frame of our own window, showing our own content, may call the host. This rejects
 * iframes, other windows/webContents, and frames that somehow navigated elsewhere.
 */
export function isTrustedSender(event: IpcEventLike, window: TrustedWindowLike | null): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (event.sender !== window.webContents) return false;
  if (frame !== window.webContents.mainFrame) return false;
  return isAppUrl(frame.url);
}
