import { RELU_FAMILY, SATURATING } from '../catalog/activations';
import type { NodeStats } from '../protocol/events';
import type { LessonFacts } from './facts';
import { graphFact } from './graph-facts';
import type { Check } from './schema';

export type CheckState = 'pass' | 'fail' | 'pending';

/** One line of the check as the learner sees it: what is asked, whether it holds, the number now. */
export interface CheckItem {
  label: string;
  state: CheckState;
  actual?: number;
  depth: number;
}

export interface CheckResult {
  state: CheckState;
  items: CheckItem[];
}

/**
 * Evaluate a lesson check on the run's facts. Pure and total: a fact the run has not produced yet (no
 * epoch finished, a node without gradients) makes its part `pending`, never an exception. The whole
 * check is pending until `minEpochs` epochs are done, so one lucky early epoch does not count.
 */
export function evaluateCheck(check: Check, facts: LessonFacts, minEpochs = 0): CheckResult {
  const items: CheckItem[] = [];
  const state = walk(check, facts, 0, items);
  return { state: state === 'pass' && facts.epoch < minEpochs ? 'pending' : state, items };
}

function walk(c: Check, f: LessonFacts, depth: number, items: CheckItem[]): CheckState {
  if ('all' in c || 'any' in c) {
    const parts = 'all' in c ? c.all : c.any;
    const at = items.length;
    if (c.label) items.push({ label: c.label, state: 'pending', depth });
    const states = parts.map((p) => walk(p, f, c.label ? depth + 1 : depth, items));
    const state = 'all' in c ? combineAll(states) : combineAny(states);
    if (c.label) items[at]!.state = state;
    return state;
  }
  if ('not' in c) {
    const inner: CheckItem[] = [];
    const s = walk(c.not, f, depth + 1, inner);
    const state: CheckState = s === 'pending' ? 'pending' : s === 'pass' ? 'fail' : 'pass';
    items.push({ label: c.label ?? `not: ${inner.map((i) => i.label).join(', ')}`, state, depth });
    return state;
  }
  const { value, label } = leaf(c, f);
  const state: CheckState = 'graph' in c
    ? (value === 1 ? 'pass' : 'fail')
    : value === undefined || !Number.isFinite(value) ? (value === undefined ? 'pending' : 'fail') : compare(value, c.op, c.value) ? 'pass' : 'fail';
  items.push({ label: c.label ?? label, state, depth, ...(value !== undefined && !('graph' in c) ? { actual: value } : {}) });
  return state;
}

function combineAll(states: CheckState[]): CheckState {
  if (states.includes('fail')) return 'fail';
  return states.includes('pending') ? 'pending' : 'pass';
}

function combineAny(states: CheckState[]): CheckState {
  if (states.includes('pass')) return 'pass';
  return states.includes('pending') ? 'pending' : 'fail';
}

function compare(v: number, op: '<' | '<=' | '>' | '>=', t: number): boolean {
  return op === '<' ? v < t : op === '<=' ? v <= t : op === '>' ? v > t : v >= t;
}

type Leaf = Exclude<Check, { all: Check[] } | { any: Check[] } | { not: Check }>;

/** The number a leaf compares (undefined = not known yet) and a default label for it. */
function leaf(c: Leaf, f: LessonFacts): { value: number | undefined; label: string } {
  if ('graph' in c) {
    const text = c.graph === 'hidden-nonlinear' ? 'some hidden activation is non-linear' : 'the output activation suits the task';
    return { value: graphFact(f.graph, c.graph) ? 1 : 0, label: text };
  }
  const rule = `${c.op} ${c.value}`;
  if ('metric' in c) {
    const m = f.metrics?.[c.split];
    return { value: m?.[c.metric], label: `${c.split} ${c.metric} ${rule}` };
  }
  if ('gap' in c) {
    const m = f.metrics;
    const value = !m ? undefined
      : c.gap === 'loss' ? m.validation.loss - m.train.loss
        : m.train.accuracy !== undefined && m.validation.accuracy !== undefined ? m.train.accuracy - m.validation.accuracy : undefined;
    return { value, label: c.gap === 'loss' ? `validation loss − train loss ${rule}` : `train accuracy − validation accuracy ${rule}` };
  }
  if ('layer' in c) {
    const names = { dead: 'dead units', saturated: 'saturated values', gradNorm: 'gradient norm', std: 'output spread (std)' };
    return { value: layerStat(f, c.layer, c.stat), label: `${names[c.stat]} of "${c.layer}" ${rule}` };
  }
  if ('gradRatio' in c) {
    const [a, b] = c.gradRatio;
    const ga = layerStat(f, a, 'gradNorm');
    const gb = layerStat(f, b, 'gradNorm');
    const value = ga === undefined || gb === undefined ? undefined : gb === 0 ? (ga === 0 ? 0 : Infinity) : ga / gb;
    return { value, label: `gradient norm of "${a}" ÷ gradient norm of "${b}" ${rule}` };
  }
  const p = statsOf(f, c.param.node)?.params?.[c.param.name];
  return { value: p?.[c.param.reduce], label: `${c.param.reduce} of ${c.param.node}.${c.param.name} ${rule}` };
}

function statsOf(f: LessonFacts, id: string): NodeStats | undefined {
  return f.layers?.find((s) => s.id === id);
}

function layerStat(f: LessonFacts, id: string, stat: 'dead' | 'saturated' | 'gradNorm' | 'std'): number | undefined {
  const s = statsOf(f, id);
  if (!s) return undefined;
  if (stat === 'std') return s.std;
  if (stat === 'gradNorm') {
    const norms = Object.values(s.gradNorms);
    return norms.length ? Math.sqrt(norms.reduce((t, n) => t + n * n, 0)) : undefined;
  }
  const fn = activationFn(f, id);
  if (stat === 'dead') return s.deadFraction ?? (fn !== null && !RELU_FAMILY.has(fn) ? 0 : undefined);
  // Activations that cannot saturate (ReLU-like, linear) count as 0 %: there is no flat region to be in.
  return s.saturatedFraction ?? (fn !== null && !SATURATING.has(fn) ? 0 : undefined);
}

/**
 * The fn of an Activation node (relu when unset), or null for other nodes. An activation without a
 * dead-unit count (leaky ReLU, ELU…) has no flat zero region, so none of its units can be dead.
 */
function activationFn(f: LessonFacts, id: string): string | null {
  const n = f.graph.nodes.find((x) => x.id === id);
  if (!n || n.type !== 'Activation') return null;
  return typeof n.params.fn === 'string' ? n.params.fn : 'relu';
}
