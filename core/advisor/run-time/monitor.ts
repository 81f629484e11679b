import type { Plan } from '../../compiler/plan';
import type { TrainingConfig } from '../../graph/schema';
import type { NodeStats } from '../../protocol/events';
import type { AdvisorWarning } from '../types';
import { RUN_TIME } from './thresholds';

/** Every run-time rule id, in the order docs/advisor.md lists them. */
export const RUN_TIME_RULES = [
  'dead-units', 'dead-network', 'saturated-units', 'vanishing-gradients', 'exploding-gradients', 'loss-plateau', 'diverged',
] as const;

/** What the session tells the monitor at the end of an epoch. */
export interface EpochObservation {
  epoch: number;
  trainLoss: number;
  trainAccuracy?: number;
  /** Statistics of the last batch, when the session computed them this epoch. */
  stats: NodeStats[] | null;
}

/**
 * Run-time diagnostics: watches a run's layer statistics and losses epoch by epoch and reports each
 * problem once (per rule and node) as an advisor warning. Pure and allocation-light; the session owns one.
 */
export class RunMonitor {
  private reported = new Set<string>();
  private streaks = new Map<string, number>();
  private losses: number[] = [];
  private firstNorm: number | null = null;
  private readonly output: string;
  /** Nodes with trainable tensors, in plan order. */
  private readonly trainable: string[];

  constructor(private readonly plan: Plan, private readonly training: TrainingConfig) {
    this.output = plan.tensors[plan.predictionTensor]!.node;
    this.trainable = [...new Set(plan.params.map((p) => p.node))];
  }

  reset(): void {
    this.reported.clear();
    this.streaks.clear();
    this.losses = [];
    this.firstNorm = null;
  }

  observeEpoch(o: EpochObservation): AdvisorWarning[] {
    const found: AdvisorWarning[] = [];
    if (o.stats) this.fromStats(o.stats, o.trainLoss, found);
    this.plateau(o, found);
    return found.filter((w) => this.firstTime(w));
  }

  /** The trainer stopped on a non-finite loss or weights: the one diagnostic that ends a run. */
  diverged(message: string, nodeId: string | undefined): AdvisorWarning {
    const lr = this.training.optimizer.lr;
    const lower = Number((lr / 10).toPrecision(3));
    const edits: NonNullable<AdvisorWarning['fix']>['edits'] = [{ kind: 'set-training', path: ['optimizer', 'lr'], value: lower }];
    if (this.training.clipNorm === undefined) edits.push({ kind: 'set-training', path: ['clipNorm'], value: 1 });
    return {
      rule: 'diverged', node: nodeId ?? null,
      message: `${message}. Training stopped rather than go on with garbage: the updates grew until the numbers overflowed, which usually means the learning rate is too high for this network. Lower it (ten times is a good first try), clip the gradient norm, or check the data for huge values.`,
      fix: { label: `Learning rate ${lower}${this.training.clipNorm === undefined ? ', clip gradients at 1' : ''}`, edits },
    };
  }

  private fromStats(stats: NodeStats[], loss: number, found: AdvisorWarning[]): void {
    const byId = new Map(stats.map((s) => [s.id, s]));
    for (const s of stats) {
      const hidden = s.id !== this.output;
      if (s.deadFraction !== undefined && this.holds(`dead:${s.id}`, s.deadFraction > RUN_TIME.deadShare)) {
        const all = s.deadFraction === 1;
        found.push({
          rule: all ? 'dead-network' : 'dead-units', node: s.id,
          message: all
            ? `Every unit of "${s.id}" outputs 0 for every example, so nothing passes through it and no layer before it gets any gradient: the network is dead and cannot recover by itself. Restart with a lower learning rate, or use leaky_relu or elu, which never go completely flat.`
            : `${pct(s.deadFraction)} of the units of "${s.id}" output 0 for every example: they are dead, pass no gradient and will not come back. A lower learning rate, he initialisation, or leaky_relu / elu (which keep a small slope below 0) prevent this.`,
          fix: { label: `Use leaky_relu in "${s.id}"`, edits: [{ kind: 'set-param', node: s.id, param: 'fn', value: 'leaky_relu' }] },
        });
      }
      if (hidden && s.saturatedFraction !== undefined && this.holds(`sat:${s.id}`, s.saturatedFraction > RUN_TIME.saturatedShare)) {
        found.push({
          rule: 'saturated-units', node: s.id,
          message: `${pct(s.saturatedFraction)} of the values of "${s.id}" sit on the flat ends of its curve, where the slope is under a tenth of its peak: little gradient gets through and learning crawls. Smaller initial weights, normalised inputs, LayerNorm before it, or ReLU help.`,
          fix: { label: `Use relu in "${s.id}"`, edits: [{ kind: 'set-param', node: s.id, param: 'fn', value: 'relu' }] },
        });
      }
    }
    const norms = this.trainable.map((id) => nodeNorm(byId.get(id)));
    const known = norms.filter((n): n is number => n !== undefined);
    const global = Math.sqrt(known.reduce((a, n) => a + n * n, 0));
    // A layer reported dead above already explains a network without gradient.
    const layerDead = found.some((w) => w.rule === 'dead-network');
    if (known.length > 0 && global === 0 && loss > RUN_TIME.solvedLoss && this.holds('zero-grad', true) && !layerDead) {
      found.push({
        rule: 'dead-network', node: null,
        message: 'No weight receives any gradient although the loss is not zero: the network is dead (every path to the loss is blocked by dead or flat units). Restart with a lower learning rate or with activations that keep a slope everywhere.',
        fix: null,
      });
    }
    const first = norms[0], last = norms[norms.length - 1];
    // A first layer with no gradient at all is blocked, not fading: dead-network reports that.
    if (this.trainable.length >= 2 && first !== undefined && last !== undefined && first > 0 &&
      this.holds('vanishing', first < RUN_TIME.vanishingRatio * last)) {
      found.push({
        rule: 'vanishing-gradients', node: this.trainable[0]!,
        message: `The gradient reaching the first layer "${this.trainable[0]}" is ${orders(first, last)} smaller than at the last layer "${this.trainable[this.trainable.length - 1]}": it fades on the way back, so the early layers barely learn. ReLU in the hidden layers, LayerNorm, or a better initialisation (he for ReLU, xavier for tanh) keep it alive.`,
        fix: null,
      });
    }
    if (known.length > 0 && Number.isFinite(global)) {
      // Growth is measured against the first epoch, not the smallest norm seen: near a minimum the
      // norm of one batch can be tiny, and bouncing back from it is not an explosion.
      this.firstNorm ??= global > 0 ? global : null;
      const growth = this.firstNorm ? global / this.firstNorm : 0;
      const grown = growth > RUN_TIME.explodingGrowth && global > 1;
      if (this.holds('exploding', global > RUN_TIME.explodingNorm || grown)) {
        found.push({
          rule: 'exploding-gradients', node: null,
          message: `The gradient norm is ${global.toPrecision(3)}${grown ? `, ${Math.round(growth)} times what it was after the first epoch` : ''}: the updates are growing out of control, and the loss may soon jump or become NaN. Clip the gradient norm or lower the learning rate (now ${this.training.optimizer.lr}).`,
          fix: this.training.clipNorm === undefined ? { label: 'Clip gradients at norm 1', edits: [{ kind: 'set-training', path: ['clipNorm'], value: 1 }] } : null,
        });
      }
    }
  }

  private plateau(o: EpochObservation, found: AdvisorWarning[]): void {
    if (!Number.isFinite(o.trainLoss)) return;
    this.losses.push(o.trainLoss);
    const n = RUN_TIME.plateauEpochs;
    if (this.losses.length < n) return;
    const window = this.losses.slice(-n);
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const older = mean(window.slice(0, n / 2)), recent = mean(window.slice(n / 2));
    const level = window[window.length - 1]!;
    if (level <= RUN_TIME.solvedLoss || (o.trainAccuracy ?? 0) >= RUN_TIME.solvedAccuracy) return;
    if (older - recent > RUN_TIME.plateauChange * Math.abs(recent)) return;
    const acc = o.trainAccuracy !== undefined ? ` at ${pct(o.trainAccuracy)} training accuracy` : '';
    found.push({
      rule: 'loss-plateau', node: null,
      message: `The training loss has stayed at ${level.toPrecision(3)}${acc} for the last ${n} epochs: training has stopped making progress. If that is not good enough, try a higher or adaptive learning rate (adam), more units, or a non-linearity the data needs.`,
      fix: null,
    });
  }

  /** Count consecutive observations of a condition; true once it has held long enough. */
  private holds(key: string, condition: boolean): boolean {
    const n = condition ? (this.streaks.get(key) ?? 0) + 1 : 0;
    this.streaks.set(key, n);
    return n >= RUN_TIME.persistence;
  }

  private firstTime(w: AdvisorWarning): boolean {
    const key = `${w.rule}:${w.node ?? ''}`;
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

/** L2 norm over all of a node's parameter gradients. */
function nodeNorm(s: NodeStats | undefined): number | undefined {
  if (!s) return undefined;
  const values = Object.values(s.gradNorms);
  if (values.length === 0) return undefined;
  return Math.sqrt(values.reduce((a, v) => a + v * v, 0));
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function orders(small: number, big: number): string {
  const k = Math.floor(Math.log10(big / small));
  return `about 10^${k} times`;
}
