import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';
import type { Rng } from '../util/rng';
import { num, settleParams } from './params';
import { dataRng, toLoaded, type Rows } from './split';
import type { DatasetKind } from './types';

export interface SyntheticDefinition {
  name: string;
  title: string;
  explanation: string;
  params: Record<string, ParamSpec>;
  /** What the data looks like for these (settled) params. */
  info(params: ParamValues): DatasetInfo;
  /** All rows, from the dataset's own seeded stream; the split is made afterwards. */
  generate(params: ParamValues, rng: Rng): Rows;
}

/**
 * A dataset generated from a formula: params are settled (defaults, ranges) the same way for describe
 * and load, rows come from the data stream of the seed, and the seeded split holds out validation rows.
 */
export function syntheticDataset(def: SyntheticDefinition): DatasetKind {
  return {
    name: def.name,
    title: def.title,
    explanation: def.explanation,
    params: def.params,
    describe: (params) => def.info(settleParams(def.params, params)),
    async load(params, seed) {
      const p = settleParams(def.params, params);
      return toLoaded(def.info(p), def.generate(p, dataRng(seed)), num(p, 'validationSplit'), seed);
    },
  };
}
