import { createValueStore } from '../state/value-store';

/** Whether the Predict dialog is open (not part of the document, so not saved or undone). */
export const predictOpen = createValueStore(false);
