import type { Rng } from '../util/rng';
import { DatasetParamError, num } from './params';
import { tokenTaskDataset } from './token-sequences';

const OPEN = 0;
const CLOSE = 1;

/**
 * Strings of '(' (token 0) and ')' (token 1); label 1 when they are balanced. Half the examples are
 * balanced. Of the unbalanced half, half have equal numbers of each bracket but close one too early
 * somewhere (so counting alone is not enough: the running depth must never go below zero), and half have
 * one bracket flipped (unequal counts).
 */
export const balancedParensDataset = tokenTaskDataset({
  name: 'balanced-parens',
  title: 'Balanced brackets',
  explanation:
    'Each example is a row of opening and closing brackets; the answer is 1 when they are balanced — every ' +
    'opening bracket is closed later and no bracket closes before it was opened. The network must track ' +
    'how deep it is as it reads; equal numbers of each are not enough.',
  params: {},
  defaultLength: 12,
  lengthDescription: 'brackets per sequence; must be even (an odd row can never balance)',
  defaultSamples: 2000,
  vocab: () => 2,
  target: () => ({ kind: 'binary' }),
  check(p) {
    if (num(p, 'length') % 2 !== 0) {
      throw new DatasetParamError('length', `must be even, since an odd number of brackets can never balance, got ${num(p, 'length')}`);
    }
  },
  make(tokens, _p, rng) {
    const kind = rng.int(4); // 0, 1: balanced; 2: closes too early; 3: one bracket flipped
    if (kind < 2) {
      balanced(tokens, rng);
      return 1;
    }
    if (kind === 2) {
      // Equal counts, random order, redrawn until the depth goes below zero somewhere.
      do {
        const T = tokens.length;
        for (let t = 0; t < T; t++) tokens[t] = t < T / 2 ? OPEN : CLOSE;
        for (let t = T - 1; t > 0; t--) {
          const j = rng.int(t + 1);
          [tokens[t], tokens[j]] = [tokens[j]!, tokens[t]!];
        }
      } while (isBalanced(tokens));
      return 0;
    }
    balanced(tokens, rng);
    const at = rng.int(tokens.length);
    tokens[at] = tokens[at] === OPEN ? CLOSE : OPEN;
    return 0;
  },
});

/** A random balanced string: open while allowed, close while needed, otherwise a coin flip. */
function balanced(tokens: Int32Array, rng: Rng): void {
  let depth = 0;
  for (let t = 0; t < tokens.length; t++) {
    const left = tokens.length - t;
    const open = depth === 0 ? true : depth >= left ? false : rng.int(2) === 0;
    tokens[t] = open ? OPEN : CLOSE;
    depth += open ? 1 : -1;
  }
}

export function isBalanced(tokens: ArrayLike<number>): boolean {
  let depth = 0;
  for (let t = 0; t < tokens.length; t++) {
    depth += tokens[t] === OPEN ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}
