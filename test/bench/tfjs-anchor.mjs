#!/usr/bin/env node
// TensorFlow.js anchor for docs/perf.md: the four bench workloads with the same data, initial weights and
// protocol as `netloom bench` (see test/bench/pytorch_anchor.py). tfjs is NOT a project dependency:
//   mkdir /tmp/anchors && cd /tmp/anchors && npm i @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0
//   TFJS_DIR=/tmp/anchors node test/bench/tfjs-anchor.mjs --backend wasm|cpu [--workload W1] [--quick] [--json]
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.TFJS_DIR ?? '/tmp/anchors', 'package.json'));
const tf = require('@tensorflow/tfjs');
const args = process.argv.slice(2);
const backend = args[args.indexOf('--backend') + 1] ?? 'wasm';
if (backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setThreadsCount?.(1);
}
await tf.setBackend(backend);
await tf.ready();

function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function glorot(r, i, o) {
  const lim = Math.sqrt(6 / (i + o));
  const w = new Float32Array(i * o);
  for (let k = 0; k < w.length; k++) w[k] = (r() * 2 - 1) * lim;
  return tf.variable(tf.tensor2d(w, [i, o]));
}
const zeros = (n) => tf.variable(tf.zeros([n]));

function mlp(sizes, hidden, out) {
  const r = mulberry32(1234);
  const layers = [];
  for (let i = 0; i < sizes.length - 1; i++) layers.push([glorot(r, sizes[i], sizes[i + 1]), zeros(sizes[i + 1])]);
  const vars = layers.flat();
  const f = (x) => {
    let h = x;
    layers.forEach(([W, b], i) => {
      h = tf.add(tf.matMul(h, W), b);
      const act = i < layers.length - 1 ? hidden : out;
      if (act) h = act(h);
    });
    return h;
  };
  return { f, vars };
}

const bce = (p, y) => tf.neg(tf.mean(tf.add(tf.mul(y, tf.maximum(tf.log(p), -100)), tf.mul(tf.sub(1, y), tf.maximum(tf.log(tf.sub(1, p)), -100)))));
const ce = (logits, y) => tf.losses.softmaxCrossEntropy(y, logits);
const mse = (p, y) => tf.mean(tf.square(tf.sub(p, y)));

function batches(x, y, count, b) {
  const out = [];
  for (let i = 0; i < count; i += b) out.push([x.slice(i, b), y.slice(i, b)]);
  return out;
}

function workload(name) {
  const u = mulberry32(42);
  if (name === 'W1') {
    const xs = [], ys = [];
    for (let i = 0; i < 250; i++) for (let c = 0; c < 2; c++) {
      const rad = (i / 250) * 5, t = 1.75 * (i / 250) * 2 * Math.PI + c * Math.PI;
      xs.push(rad * Math.sin(t) + (u() * 2 - 1) * 0.2, rad * Math.cos(t) + (u() * 2 - 1) * 0.2);
      ys.push(c);
    }
    const m = mlp([2, 8, 8, 1], tf.tanh, tf.sigmoid);
    return { ...m, loss: bce, opt: tf.train.sgd(0.03), data: batches(tf.tensor2d(xs, [500, 2]), tf.tensor2d(ys, [500, 1]), 500, 10), per: 1 };
  }
  if (name === 'W2') {
    const x = new Float32Array(512 * 784).map(() => u());
    const y = Array.from({ length: 512 }, () => Math.floor(u() * 10));
    const m = mlp([784, 128, 64, 10], tf.relu, null);
    return { ...m, loss: ce, opt: tf.train.adam(1e-3, 0.9, 0.999, 1e-8), data: batches(tf.tensor2d(x, [512, 784]), tf.oneHot(y, 10).toFloat(), 512, 64), per: 64 };
  }
  if (name === 'W3') {
    const xs = [], ys = [];
    for (let i = 0; i < 512; i++) { const a = u() * 2 - 1, b = u() * 2 - 1; xs.push(a, b); ys.push(a * b > 0 ? 1 : 0); }
    const m = mlp([2, ...Array(10).fill(16), 1], tf.sigmoid, tf.sigmoid);
    return { ...m, loss: mse, opt: tf.train.sgd(0.1), data: batches(tf.tensor2d(xs, [512, 2]), tf.tensor2d(ys, [512, 1]), 512, 32), per: 1 };
  }
  const x = new Float32Array(256 * 16 * 32).map(() => u() * 2 - 1);
  const y = Array.from({ length: 256 }, () => Math.floor(u() * 4));
  const r = mulberry32(1234);
  const [Wq, Wk, Wv, Wo, Wc] = [glorot(r, 32, 32), glorot(r, 32, 32), glorot(r, 32, 32), glorot(r, 32, 32), glorot(r, 32, 4)];
  const [bq, bk, bv, bo, bc] = [zeros(32), zeros(32), zeros(32), zeros(32), zeros(4)];
  const f = (xb) => {
    const n = xb.shape[0];
    const flat = xb.reshape([n * 16, 32]);
    const proj = (W, b) => tf.add(tf.matMul(flat, W), b).reshape([n, 16, 32]);
    const a = tf.softmax(tf.mul(tf.matMul(proj(Wq, bq), proj(Wk, bk), false, true), 1 / Math.sqrt(32)));
    const o = tf.add(tf.matMul(tf.matMul(a, proj(Wv, bv)).reshape([n * 16, 32]), Wo), bo).reshape([n, 16, 32]);
    return tf.add(tf.matMul(tf.mean(o, 1), Wc), bc);
  };
  return { f, vars: [Wq, bq, Wk, bk, Wv, bv, Wo, bo, Wc, bc], loss: ce, opt: tf.train.adam(1e-3, 0.9, 0.999, 1e-8),
    data: batches(tf.tensor3d(x, [256, 16, 32]), tf.oneHot(y, 4).toFloat(), 256, 32), per: 32 };
}

function run(name, quick) {
  const w = workload(name);
  let step = 0;
  const train = (keep) => {
    const [bx, by] = w.data[step++ % w.data.length];
    const cost = w.opt.minimize(() => w.loss(w.f(bx), by), keep, w.vars);
    if (!keep) return null;
    const v = cost.dataSync()[0];
    cost.dispose();
    return v;
  };
  for (let i = 0; i < 99; i++) train(false);
  const loss100 = train(true);
  if (quick) return { loss100, figure: null };
  const window = (ms) => {
    const t0 = performance.now();
    let n = 0;
    do { train(false); n++; } while (performance.now() - t0 < ms);
    tf.backend().floatPrecision?.();
    return (n / (performance.now() - t0)) * 1000;
  };
  window(1000);
  return { loss100, figure: window(3000) * w.per };
}

const names = args.flatMap((a, i) => (a === '--workload' ? [args[i + 1]] : []));
const out = {};
for (const name of names.length ? names : ['W1', 'W2', 'W3', 'W4']) {
  const reps = Array.from({ length: args.includes('--quick') ? 1 : 3 }, () => run(name, args.includes('--quick')));
  const figs = reps.map((r) => r.figure).sort((a, b) => a - b);
  out[name] = { loss100: reps[0].loss100, figure: figs[Math.floor(figs.length / 2)] };
  if (!args.includes('--json')) console.log(`${name}: loss@100 ${reps[0].loss100.toFixed(6)}${out[name].figure ? `  ${Math.round(out[name].figure).toLocaleString('en-US')}` : ''}`);
}
if (args.includes('--json')) console.log(JSON.stringify({ tfjs: tf.version.tfjs, backend, results: out }));
