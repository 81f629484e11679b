import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';
import type { Rng } from '../util/rng';
import { appendDrawnPoints, drawnPointsOf, pointsModeOf } from './drawn-points';
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
  /** 2D sets: accept hand-drawn `points` and a `pointsMode` param (core/datasets/drawn-points.ts). */
  acceptsDrawnPoints?: boolean;
}

/**
 * A dataset generated from a formula: params are settled (defaults, ranges) the same way for describe
 * and load, rows come from the data stream of the seed, and the seeded split holds out validation rows.
 */
export function syntheticDataset(def: SyntheticDefinition): DatasetKind {
  const params = def.params;
  return {
    name: def.name,
    title: def.title,
    explanation: def.explanation,
    params,
    ...(def.acceptsDrawnPoints ? { acceptsDrawnPoints: true } : {}),
    describe: (values) => def.info(settleParams(params, values)),
    async load(values, seed) {
      const p = settleParams(params, values);
      const points = def.acceptsDrawnPoints ? drawnPointsOf(values) : [];
      const only = def.acceptsDrawnPoints === true && pointsModeOf(values) === 'only';
      // Without drawings the rows are exactly what they always were (same seed, same data).
      if (points.length === 0 && !only) return toLoaded(def.info(p), def.generate(p, dataRng(seed)), num(p, 'validationSplit'), seed);
      const generated = only ? null : def.generate(p, dataRng(seed));
      return toLoaded(def.info(p), appendDrawnPoints(generated, points), num(p, 'validationSplit'), seed);
    },
  };
}
