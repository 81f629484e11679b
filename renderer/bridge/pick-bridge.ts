import type { HostBridge } from '../../core/protocol/host';
import { createBrowserBridge } from './browser-bridge';

/** The Electron preload exposes the bridge as `window.netloom`; without it we are in a browser tab. */
export function pickBridge(): HostBridge {
  const exposed = (window as unknown as { netloom?: HostBridge }).netloom;
  return exposed ?? createBrowserBridge();
}
