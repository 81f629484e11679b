import type { DatasetInfo, ParamSpec, ParamValues, TargetInfo } from '../catalog/types';
import type { Rng } from '../util/rng';
import { num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows } from './split';
import { syntheticDataset } from './synthetic';
import type { DatasetKind } from './types';

/*
 * What the memory tasks (parity, balanced-parens, count-tokens, copy-first) share: a sequence of
 * `length` tokens from a small vocabulary, one label per sequence, and two ways to hand the tokens to a
 * network — as ids ([T], for an Embedding) or as one-hot vectors ([T, vocab], straight into an RNN).
 */

export const ENCODING_SPEC: ParamSpec = {
  kind: 'enum',
  default: 'tokens',
  options: ['tokens', 'one-hot'],
  description: 'tokens: one id per step [T], for an Embedding; one-hot: a vector of vocabulary size per step [T, vocab]',
};

export function lengthSpec(defaultLength: number, description = 'tokens per sequence'): ParamSpec {
  return { kind: 'int', default: defaultLength, min: 2, max: 512, description };
}

export interface TokenTask {
  name: string;
  title: string;
  explanation: string;
  /** Task-specific params; samples, length, encoding and validationSplit are added. */
  params: Record<string, ParamSpec>;
  defaultLength: number;
  lengthDescription?: string;
  defaultSamples: number;
  /** Vocabulary size for these settled params. */
  vocab(p: ParamValues): number;
  target(p: ParamValues): TargetInfo;
  /** Throws a DatasetParamError when params contradict each other. */
  check?(p: ParamValues): void;
  /** Writes `length` token ids into `tokens` and returns the label (class index, 0/1 for binary). */
  make(tokens: Int32Array, p: ParamValues, rng: Rng): number;
}

export function tokenTaskDataset(task: TokenTask): DatasetKind {
  const params: Record<string, ParamSpec> = {
    samples: samplesSpec(task.defaultSamples),
    length: lengthSpec(task.defaultLength, task.lengthDescription),
    ...task.params,
    encoding: ENCODING_SPEC,
    validationSplit: VALIDATION_SPLIT,
  };
  const info = (p: ParamValues): DatasetInfo => {
    task.check?.(p);
    const T = num(p, 'length');
    return {
      inputShape: p.encoding === 'one-hot' ? [T, task.vocab(p)] : [T],
      target: task.target(p),
    };
  };
  return syntheticDataset({
    name: task.name,
    title: task.title,
    explanation: task.explanation,
    params,
    info,
    generate(p, rng) {
      const count = num(p, 'samples');
      const T = num(p, 'length');
      const V = task.vocab(p);
      const oneHot = p.encoding === 'one-hot';
      const width = oneHot ? T * V : T;
      const rows = allocRows(count, width, 1);
      const tokens = new Int32Array(T);
      for (let i = 0; i < count; i++) {
        rows.targets[i] = task.make(tokens, p, rng);
        const row = i * width;
        for (let t = 0; t < T; t++) {
          if (oneHot) rows.inputs[row + t * V + tokens[t]!] = 1;
          else rows.inputs[row + t] = tokens[t]!;
        }
      }
      return rows;
    },
  });
}

/** Binary when there are two classes, so a sigmoid + bce head fits; classes otherwise. */
export function classesTarget(classes: number): TargetInfo {
  return classes === 2 ? { kind: 'binary' } : { kind: 'classes', classes };
}
