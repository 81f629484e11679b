import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';
import { shuffleInPlace, type Rng } from '../util/rng';
import { DatasetParamError, num, samplesSpec, settleParams, VALIDATION_SPLIT } from './params';
import { allocRows, dataRng, toLoaded } from './split';
import type { DatasetKind } from './types';

/**
 * "Find the matching token": one token per sequence is the query (marker 1). The label is the value
 * class of the other token whose key is most similar to the query's vector.
 *
 * Why it needs attention: the answer is a product of two tokens — which key matches the query decides
 * which value counts. Dense→MeanPool→Dense sums per-token features and reads them out linearly, so it
 * can only use statistics of single tokens, and the generator makes those carry no information: the
 * partner's key alone looks like any random key, and the multiset of value classes in a sequence is
 * drawn independently of the label. One attention head solves it: the query token's query reads the
 * query slot, every key reads the key slot, so the query token attends to its partner and copies its
 * value; mean pooling keeps that signal (scaled by 1/length) for the final Dense.
 */
export interface SequenceLayout {
  /** Width of the query and key vectors. */
  keyDims: number;
  marker: number;
  queryStart: number;
  keyStart: number;
  valueStart: number;
  /** Dims after the value one-hot, left at 0. */
  padding: number;
}

export function sequenceLayout(dims: number, classes: number): SequenceLayout {
  const keyDims = Math.floor((dims - 1 - classes) / 2);
  return {
    keyDims,
    marker: 0,
    queryStart: 1,
    keyStart: 1 + keyDims,
    valueStart: 1 + 2 * keyDims,
    padding: dims - (1 + 2 * keyDims + classes),
  };
}

/** The partner's key is the query vector nudged by this much noise, so "most similar" is not "equal". */
const PARTNER_JITTER = 0.1;

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(2000),
  length: { kind: 'int', default: 8, min: 3, max: 64, description: 'tokens per sequence (one query, the rest key/value tokens)' },
  dims: { kind: 'int', default: 12, min: 7, max: 256, description: 'numbers per token: marker, query, key and one-hot value slots; at least 5 + classes' },
  classes: { kind: 'int', default: 2, min: 2, max: 10, description: 'value classes (2 gives a binary target)' },
  validationSplit: VALIDATION_SPLIT,
};

function checked(params: ParamValues): ParamValues {
  const p = settleParams(PARAMS, params);
  const classes = num(p, 'classes');
  if (num(p, 'dims') < 5 + classes) {
    throw new DatasetParamError('dims', `must be at least 5 + classes = ${5 + classes} (marker, 2-d query and key, one-hot value), got ${num(p, 'dims')}`);
  }
  if (num(p, 'length') - 1 < classes) {
    throw new DatasetParamError('length', `must be at least classes + 1 = ${classes + 1}, so every class can appear among the non-query tokens, got ${num(p, 'length')}`);
  }
  return p;
}

function infoFor(p: ParamValues): DatasetInfo {
  const classes = num(p, 'classes');
  return {
    inputShape: [num(p, 'length'), num(p, 'dims')],
    target: classes === 2 ? { kind: 'binary' } : { kind: 'classes', classes },
  };
}

function unitVector(rng: Rng, out: Float64Array): void {
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = rng.normal();
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
}

/** Writes one sequence into `x` (length × dims, zeroed) and returns its label. */
function makeSequence(x: Float32Array, length: number, dims: number, classes: number, rng: Rng): number {
  const L = sequenceLayout(dims, classes);
  const others = length - 1;
  // Value classes: each class at least once, the rest uniform — a multiset that ignores the label.
  const values = new Int32Array(others);
  for (let j = 0; j < others; j++) values[j] = j < classes ? j : rng.int(classes);
  const wanted = rng.int(classes);
  const candidates: number[] = [];
  for (let j = 0; j < others; j++) if (values[j] === wanted) candidates.push(j);
  const partner = candidates[rng.int(candidates.length)]!;

  const query = new Float64Array(L.keyDims);
  unitVector(rng, query);
  const keys = new Float64Array(others * L.keyDims);
  const key = new Float64Array(L.keyDims);
  const jitter = new Float64Array(L.keyDims);
  for (let j = 0; j < others; j++) {
    if (j === partner) {
      unitVector(rng, jitter);
      let norm = 0;
      for (let d = 0; d < L.keyDims; d++) {
        key[d] = query[d]! + PARTNER_JITTER * jitter[d]!;
        norm += key[d]! * key[d]!;
      }
      for (let d = 0; d < L.keyDims; d++) key[d]! /= Math.sqrt(norm);
    } else {
      unitVector(rng, key);
    }
    keys.set(key, j * L.keyDims);
  }

  // The label is defined by similarity, so it stays true even in the rare case a random key beats the partner.
  let best = 0;
  let bestScore = -Infinity;
  for (let j = 0; j < others; j++) {
    let s = 0;
    for (let d = 0; d < L.keyDims; d++) s += query[d]! * keys[j * L.keyDims + d]!;
    if (s > bestScore) [best, bestScore] = [j, s];
  }

  // Positions are shuffled: a model without attention cannot rely on where the query sits either.
  const slots = new Int32Array(length);
  for (let i = 0; i < length; i++) slots[i] = i;
  shuffleInPlace(slots, rng);
  const q = slots[0]! * dims;
  x[q + L.marker] = 1;
  for (let d = 0; d < L.keyDims; d++) x[q + L.queryStart + d] = query[d]!;
  for (let j = 0; j < others; j++) {
    const t = slots[j + 1]! * dims;
    for (let d = 0; d < L.keyDims; d++) x[t + L.keyStart + d] = keys[j * L.keyDims + d]!;
    x[t + L.valueStart + values[j]!] = 1;
  }
  return values[best]!;
}

export const sequenceDataset: DatasetKind = {
  name: 'sequence',
  title: 'Find the matching token',
  explanation:
    'Each example is a row of tokens. One is marked as the question; the answer is the class carried by ' +
    'the token that looks most like it. Comparing tokens with each other is what attention does — a ' +
    'network that only averages per-token features stays at chance.',
  params: PARAMS,
  describe(params) {
    return infoFor(checked(params));
  },
  async load(params, seed) {
    const p = checked(params);
    const count = num(p, 'samples');
    const length = num(p, 'length');
    const dims = num(p, 'dims');
    const classes = num(p, 'classes');
    const rng = dataRng(seed);
    const rows = allocRows(count, length * dims, 1);
    for (let i = 0; i < count; i++) {
      rows.targets[i] = makeSequence(rows.inputs.subarray(i * length * dims, (i + 1) * length * dims), length, dims, classes, rng);
    }
    return toLoaded(infoFor(p), rows, num(p, 'validationSplit'), seed);
  },
};
