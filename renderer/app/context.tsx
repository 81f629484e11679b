import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HostBridge } from '../../core/protocol/host';
import type { DocumentState, DocumentStore } from '../state/document-store';
import type { ValueStore } from '../state/value-store';
import type { ConnectingStore, UiStore } from './ui-state';

export interface AppServices {
  bridge: HostBridge;
  store: DocumentStore;
  ui: UiStore;
  connecting: ConnectingStore;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('AppContext missing');
  return s;
}

/** Subscribe to one slice of the document; re-renders only when that slice changes identity. */
export function useDoc<T>(select: (s: DocumentState) => T): T {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

export function useValue<T, U>(store: ValueStore<T>, select: (v: T) => U): U {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
