import { describe, expect, it } from 'vitest';
import { Executor } from '../../../core/engine/executor';
import type { SessionEvent } from '../../../core/protocol/events';
import { TrainingSession } from '../../../core/session/session';
import { traceExample, unitMap } from '../../../core/trace';
import { noResources } from '../datasets/memory-resources';
import { loadExample } from '../../helpers/examples';

async function xorSession() {
  return TrainingSession.create(loadExample('xor-mlp'), { resources: noResources, epochs: 5, gridSize: 0, statsEvery: 0, batchEvents: true, diagnostics: false });
}

/** The same plan in float64 on the plain-JS kernels, with the session's current weights. */
function f64Twin(session: TrainingSession): Executor {
  const twin = new Executor(session.plan, { dtype: 'f64', backend: 'js' });
  session.trainer.exec.params.forEach((p, i) => twin.params[i]!.set(p));
  return twin;
}

/** Loss of one example after nudging element j of node k's output, re-running only the ops after it. */
function lossWithOutputNudged(exec: Executor, k: number, j: number, h: number): number {
  exec.values[exec.plan.ops[k]!.output]![j] += h;
  for (let i = k + 1; i < exec.kernels.length; i++) exec.kernels[i]!.forward(1, false);
  const loss = exec.loss;
  exec.values[exec.plan.ops[k]!.output]![j] -= h;
  return loss;
}

describe('traceExample on XOR', () => {
  it('gives every node its output and gradient, and every weight its gradient, matching finite differences', async () => {
    const session = await xorSession();
    session.step(40);
    const example = 7;
    const trace = traceExample(session.trainer.exec, session.data.train, example);
    expect(trace.nodes.map((n) => [n.id, n.type])).toEqual([
      ['in', 'Input'], ['d1', 'Dense'], ['a1', 'Activation'], ['d2', 'Dense'], ['a2', 'Activation'], ['loss', 'Loss'],
    ]);
    expect(Array.from(trace.input)).toEqual(Array.from(session.data.train.inputs.subarray(2 * example, 2 * example + 2)));
    expect(trace.target[0]).toBe(session.data.train.targets[example]);

    const twin = f64Twin(session);
    const exact = traceExample(twin, session.data.train, example);
    const h = 1e-6;
    // Outputs and loss: the f32 engine agrees with float64.
    expect(trace.loss).toBeCloseTo(exact.loss, 5);
    trace.nodes.forEach((n, k) => {
      exact.nodes[k]!.output.forEach((v, j) => expect(n.output[j], `${n.id}[${j}]`).toBeCloseTo(v, 5));
    });
    // dLoss/dOutput of every node, by central differences in float64.
    twin.forward(1, false);
    exact.nodes.forEach((n, k) => {
      if (n.type === 'Loss' || n.type === 'Input') return;
      n.gradOutput!.forEach((g, j) => {
        const fd = (lossWithOutputNudged(twin, k, j, h) - lossWithOutputNudged(twin, k, j, -h)) / (2 * h);
        expect(g, `d loss / d ${n.id}[${j}]`).toBeCloseTo(fd, 6);
        expect(trace.nodes[k]!.gradOutput![j], `f32 ${n.id}[${j}]`).toBeCloseTo(g, 4);
      });
    });
    expect(trace.nodes[0]!.gradOutput).toBeNull();
    expect(Array.from(trace.nodes[5]!.gradOutput!)).toEqual([1]);
    // Every weight's gradient, by central differences on the weights.
    session.plan.params.forEach((p, i) => {
      const traced = exact.nodes.find((n) => n.id === p.node)!.params[p.name]!;
      expect(Array.from(trace.nodes.find((n) => n.id === p.node)!.params[p.name]!.value)).toEqual(Array.from(session.trainer.exec.params[i]!));
      for (let j = 0; j < p.size; j++) {
        const w = twin.params[i]!;
        const keep = w[j]!;
        w[j] = keep + h; twin.forward(1, false); const up = twin.loss;
        w[j] = keep - h; twin.forward(1, false); const down = twin.loss;
        w[j] = keep;
        expect(traced.grad[j], `${p.node}.${p.name}[${j}]`).toBeCloseTo((up - down) / (2 * h), 6);
      }
    });
  });

  it('agrees with the engine: the prediction is what predict() gives, and the loss what evaluate() gives for that row', async () => {
    const session = await xorSession();
    session.step(25);
    const row = 11;
    const trace = traceExample(session.trainer.exec, session.data.train, row);
    const p = session.predict(session.data.train.inputs.slice(2 * row, 2 * row + 2), 1);
    expect(trace.nodes.find((n) => n.id === 'a2')!.output[0]).toBe(p[0]);
    const one = { count: 1, inputs: session.data.train.inputs.slice(2 * row, 2 * row + 2), targets: session.data.train.targets.slice(row, row + 1) };
    expect(trace.loss).toBeCloseTo(session.trainer.evaluate(one).loss, 6);
  });

  it('changes nothing: training after a trace continues exactly as without it', async () => {
    const losses = async (withTrace: boolean) => {
      const s = await xorSession();
      const seen: number[] = [];
      s.on((e: SessionEvent) => { if (e.type === 'batch') seen.push(e.loss); });
      s.step(20);
      if (withTrace) traceExample(s.trainer.exec, s.data.train, 3);
      s.step(20);
      return seen;
    };
    expect(await losses(true)).toEqual(await losses(false));
  });

  it('gives the fused softmax its gradient −y/p, as cross-entropy on probabilities has', async () => {
    const g = loadExample('xor-mlp');
    g.training.dataset = { name: 'gaussians', classes: 3, samples: 120, validationSplit: 0.2 };
    g.nodes.find((n) => n.id === 'd2')!.params = { units: 3 };
    g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'softmax' };
    g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'cross_entropy' };
    const s = await TrainingSession.create(g, { resources: noResources, gridSize: 0, statsEvery: 0 });
    const t = traceExample(s.trainer.exec, s.data.train, 0);
    const sm = t.nodes.find((n) => n.id === 'a2')!;
    const y = Array.from(t.target);
    expect(y.reduce((a, b) => a + b, 0)).toBe(1);
    sm.gradOutput!.forEach((gv, j) => expect(gv).toBeCloseTo(y[j] ? -1 / sm.output[j]! : 0, 4));
    // And the loss is −log p of the true class.
    expect(t.loss).toBeCloseTo(-Math.log(sm.output[y.indexOf(1)]!), 5);
    // Through the fused path, the logits' gradient is p − y.
    const d2 = t.nodes.find((n) => n.id === 'd2')!;
    d2.gradOutput!.forEach((gv, j) => expect(gv).toBeCloseTo(sm.output[j]! - y[j]!, 5));
  });

  it('works on any plan: attention, pooling and the fused softmax agree with finite differences in float64', async () => {
    const g = loadExample('attention-sequence');
    g.training.dataset = { ...g.training.dataset, samples: 100 };
    const s = await TrainingSession.create(g, { resources: noResources, gridSize: 0, statsEvery: 0, batchEvents: false });
    s.step(3);
    const twin = f64Twin(s);
    const t = traceExample(twin, s.data.train, 4);
    expect(t.nodes.map((n) => n.id)).toEqual(['in', 'att', 'pool', 'd1', 'sm', 'loss']);
    const h = 1e-6;
    let checked = 0;
    s.plan.params.forEach((p, i) => {
      const traced = t.nodes.find((n) => n.id === p.node)!.params[p.name]!;
      // Every 7th entry keeps the test quick and still touches every tensor.
      for (let j = 0; j < p.size; j += 7) {
        const w = twin.params[i]!;
        const keep = w[j]!;
        w[j] = keep + h; twin.forward(1, false); const up = twin.loss;
        w[j] = keep - h; twin.forward(1, false); const down = twin.loss;
        w[j] = keep;
        expect(traced.grad[j], `${p.node}.${p.name}[${j}]`).toBeCloseTo((up - down) / (2 * h), 6);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
    // The attention output's gradient, through pooling and the fused loss.
    twin.forward(1, false);
    const k = 1;
    t.nodes[k]!.gradOutput!.forEach((gv, j) => {
      if (j % 11 !== 0) return;
      const fd = (lossWithOutputNudged(twin, k, j, h) - lossWithOutputNudged(twin, k, j, -h)) / (2 * h);
      expect(gv, `att[${j}]`).toBeCloseTo(fd, 6);
    });
  });

  it('refuses an example that is not in the split, saying how many rows there are', async () => {
    const s = await xorSession();
    expect(() => traceExample(s.trainer.exec, s.data.train, s.data.train.count)).toThrow(/the split has 320 rows \(0–319\)/);
  });
});

describe('unitMap', () => {
  it("maps each hidden unit's output over the input plane, equal to a forward pass at those points", async () => {
    const s = await xorSession();
    s.step(30);
    const m = unitMap(s.trainer.exec, s.data.train, 'a1', 8)!;
    expect(m).toMatchObject({ nodeId: 'a1', size: 8, units: 8 });
    expect(m.values).toHaveLength(8 * 64);
    // Cell (row 2, col 5) of unit 3, recomputed with a plain forward pass at its centre.
    const [x0, x1] = m.xRange, [y0, y1] = m.yRange;
    const x = x0 + (5.5 / 8) * (x1 - x0), y = y0 + (2.5 / 8) * (y1 - y0);
    const exec = s.trainer.exec;
    exec.input[0] = x; exec.input[1] = y;
    exec.forward(1, false);
    const a1 = exec.values[s.plan.ops.find((o) => o.node === 'a1')!.output]!;
    expect(m.values[3 * 64 + 2 * 8 + 5]).toBe(a1[3]);
    expect(unitMap(s.trainer.exec, s.data.train, 'nope')).toBeNull();
  });
});
