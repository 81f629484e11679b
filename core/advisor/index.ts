import type { Analysis, AnalyzeOptions } from '../graph/analyze';
import type { Graph } from '../graph/schema';
import { advisorContext } from './context';
import { crossEntropyWithoutSoftmax } from './rules/cross-entropy-without-softmax';
import { deepSaturatingStack } from './rules/deep-saturating-stack';
import { dropoutAfterOutput } from './rules/dropout-after-output';
import { learningRateRange } from './rules/learning-rate-range';
import { linearStack } from './rules/linear-stack';
import { mseForClassification } from './rules/mse-for-classification';
import { outputNotProbability } from './rules/output-not-probability';
import { reluRegressionOutput } from './rules/relu-regression-output';
import { sigmoidIntoLogitsLoss } from './rules/sigmoid-into-logits-loss';
import { softmaxIntoBce } from './rules/softmax-into-bce';
import { softmaxThenSigmoid } from './rules/softmax-then-sigmoid';
import { stepBlocksGradient } from './rules/step-blocks-gradient';
import { zeroInit } from './rules/zero-init';
import type { AdvisorFacts, AdvisorWarning, Rule } from './types';

export type { AdvisorFacts, AdvisorWarning, Fix, GraphEdit, Rule } from './types';
export { applyFix, FixError } from './fix';
export { RunMonitor, RUN_TIME_RULES, type EpochObservation } from './run-time/monitor';

/** Every static rule, output first, then the hidden layers, then training settings. */
export const RULES: readonly Rule[] = [
  outputNotProbability, softmaxThenSigmoid, softmaxIntoBce, sigmoidIntoLogitsLoss, crossEntropyWithoutSoftmax, mseForClassification,
  reluRegressionOutput, dropoutAfterOutput, linearStack, deepSaturatingStack, stepBlocksGradient, zeroInit,
  learningRateRange,
];

export interface AdviseOptions extends AnalyzeOptions {
  facts?: AdvisorFacts;
  /** The graph's analysis when the caller already has it (the editor analyses on every edit). */
  analysis?: Analysis;
}

/**
 * The graph advisor: warnings about graphs that are valid but will probably train badly. Pure and
 * quick enough to run on every edit; a graph with errors gets the warnings that still make sense.
 */
export function adviseGraph(graph: Graph, options: AdviseOptions = {}): AdvisorWarning[] {
  const { facts, analysis, ...analyze } = options;
  const ctx = advisorContext(graph, facts ?? {}, analyze, analysis);
  return RULES.flatMap((r) => r.check(ctx));
}

/** Smallest and largest regression target of a split, for `facts.targetRange`. */
export function targetRange(targets: ArrayLike<number>): [number, number] | undefined {
  if (targets.length === 0) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < targets.length; i++) {
    const v = targets[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
