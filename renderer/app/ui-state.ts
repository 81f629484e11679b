import type { Problem } from '../../core/graph/problem';
import type { RecoveryRecord } from '../state/recovery';
import type { PreparedExport } from './export-files';
import { createValueStore } from '../state/value-store';

/** Modal content; one at a time. */
export type Dialog =
  | { kind: 'confirm'; title: string; message: string; confirm: string; resolve: (ok: boolean) => void }
  | { kind: 'import-problems'; fileName: string; problems: Problem[] }
  | { kind: 'about' }
  /** Code preview of an export, with Copy and Save. */
  | { kind: 'export'; prepared: PreparedExport };

export interface UiState {
  minimap: boolean;
  dialog: Dialog | null;
  toast: { text: string; tone: 'info' | 'error'; id: number } | null;
  recovery: RecoveryRecord | null;
  /** Quick-add search, opened by double-clicking the canvas: where (screen) and where to add (flow). */
  quickAdd: { screen: { x: number; y: number }; flow: { x: number; y: number } } | null;
}

export function createUiStore() {
  return createValueStore<UiState>({ minimap: true, dialog: null, toast: null, recovery: null, quickAdd: null });
}
export type UiStore = ReturnType<typeof createUiStore>;

/**
 * While a connection is being dragged: each target port (`node#port`) with the reason it is refused,
 * or null if it fits. Node components subscribe to their own entries only.
 */
export function createConnectingStore() {
  return createValueStore<Map<string, string | null> | null>(null);
}
export type ConnectingStore = ReturnType<typeof createConnectingStore>;
