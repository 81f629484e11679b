import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';
import { deriveSeed, mulberry32, type Rng } from '../util/rng';
import { DatasetParamError, num, samplesSpec, settleParams, text, VALIDATION_SPLIT } from './params';
import { allocRows, dataRng, rowsAsSplit, splitRows, type Rows } from './split';
import type { DatasetKind } from './types';

export const ARITHMETIC_OPS = ['add', 'sub', 'mul', 'div'] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];

export function applyOp(op: ArithmeticOp, a: number, b: number): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
  }
}

const INFO: DatasetInfo = { inputShape: [2], target: { kind: 'regression', size: 1 }, featureNames: ['a', 'b'] };

const PARAMS: Record<string, ParamSpec> = {
  op: { kind: 'enum', default: 'add', options: ARITHMETIC_OPS, description: 'the operation to learn: a + b, a − b, a × b or a ÷ b' },
  samples: samplesSpec(1000),
  trainMin: { kind: 'number', default: 1, min: 0, description: 'smallest operand in the train and validation splits' },
  trainMax: { kind: 'number', default: 10, min: 0, minExclusive: true, description: 'largest operand in the train and validation splits' },
  extrapolationFactor: {
    kind: 'number',
    default: 10,
    min: 2,
    max: 1000,
    description: 'the extrapolation split draws operands above trainMax, up to trainMax × this',
  },
  validationSplit: VALIDATION_SPLIT,
};

interface Ranges {
  op: ArithmeticOp;
  trainMin: number;
  trainMax: number;
  extrapolationMax: number;
}

function ranges(params: ParamValues): Ranges & { p: ParamValues } {
  const p = settleParams(PARAMS, params);
  const op = text(p, 'op') as ArithmeticOp;
  const trainMin = num(p, 'trainMin');
  const trainMax = num(p, 'trainMax');
  if (trainMin >= trainMax) throw new DatasetParamError('trainMax', `must be greater than trainMin (${trainMin}), got ${trainMax}`);
  // Log-space units (NALU's multiplicative path) need positive operands, and a divisor near 0 makes
  // the quotient explode, so mul and div keep operands at least a hundredth of the range's top.
  if ((op === 'mul' || op === 'div') && trainMin < trainMax / 100) {
    throw new DatasetParamError('trainMin', `must be at least trainMax / 100 (${trainMax / 100}) when op is "${op}", so operands stay positive and away from 0, got ${trainMin}`);
  }
  return { p, op, trainMin, trainMax, extrapolationMax: trainMax * num(p, 'extrapolationFactor') };
}

/** Operands in [lo, hi) — or (lo, hi] with `openBelow`, so extrapolation operands never equal trainMax. */
function fill(rows: Rows, op: ArithmeticOp, lo: number, hi: number, rng: Rng, openBelow: boolean): void {
  const draw = () => (openBelow ? hi - rng.next() * (hi - lo) : lo + rng.next() * (hi - lo));
  for (let i = 0; i < rows.count; i++) {
    const a = draw();
    const b = draw();
    rows.inputs[2 * i] = a;
    rows.inputs[2 * i + 1] = b;
    rows.targets[i] = applyOp(op, a, b);
  }
}

export const arithmeticDataset: DatasetKind = {
  name: 'arithmetic',
  title: 'Arithmetic',
  explanation:
    'Two numbers in, their sum (or difference, product, quotient) out. Trained on small numbers, then ' +
    'tested on much larger ones: ordinary networks only interpolate, while a NALU learns the rule itself.',
  params: PARAMS,
  describe(params) {
    ranges(params);
    return INFO;
  },
  async load(params, seed) {
    const { p, op, trainMin, trainMax, extrapolationMax } = ranges(params);
    const count = num(p, 'samples');
    const rows = allocRows(count, 2, 1);
    fill(rows, op, trainMin, trainMax, dataRng(seed), false);
    // A quarter as many extrapolation rows as samples: enough for a stable mean error, cheap to evaluate.
    const extra = allocRows(Math.ceil(count / 4), 2, 1);
    fill(extra, op, trainMax, extrapolationMax, mulberry32(deriveSeed(seed, 'extrapolation')), true);
    return { info: INFO, ...splitRows(rows, num(p, 'validationSplit'), seed), extra: { extrapolation: rowsAsSplit(extra) } };
  },
};
