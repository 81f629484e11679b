import { RECURRENT_TYPES } from '../../../core/catalog/recurrent-types';

/** Layers whose output is a stack of maps, one per channel (the Layers tab's feature maps, node previews). */
export const FEATURE_MAP_TYPES: ReadonlySet<string> = new Set(['Conv2D', 'Conv1D', 'MaxPool2D', 'AvgPool2D', 'MaxPool1D', 'AvgPool1D']);

/** Node kinds whose canvas node shows a preview from the worker's `inspect` answer. */
export function hasInspectPreview(type: string): boolean {
  return FEATURE_MAP_TYPES.has(type) || RECURRENT_TYPES.has(type);
}
