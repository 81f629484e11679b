import type { LiveValue, MapContext, OpMapper, Value } from '../values';
import { fullShape, liveInput } from './util';

/** Integers of an optional constant input, or of the attribute (before `inputFrom`); null if computed. */
function intsOf(ctx: MapContext, input: number, attr: string, inputFrom: number): number[] | undefined | null {
  if (ctx.opset < inputFrom) return ctx.attrs.ints(attr);
  const v = ctx.inputs[input];
  if (!v) return undefined;
  return v.kind === 'const' ? Array.from(v.tensor.data) : null;
}

/** Keep [start, end) of full-tensor axis `axis` (batch = 0) of x; the whole axis is no node at all. */
function keep(ctx: MapContext, x: LiveValue, axis: number, start: number, end: number): LiveValue | string {
  if (axis === 0) return start === 0 && end >= Number.MAX_SAFE_INTEGER / 2 ? x : 'cuts the batch axis; NetLoom keeps every example';
  const n = x.shape[axis - 1]!;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const [a, b] = [clamp(start), clamp(end)];
  if (a === 0 && b === n) return x;
  if (a >= b) return `keeps nothing of axis ${axis} of ${fullShape(x)} (positions ${start} to ${end})`;
  return ctx.emit('Slice', { axis, start: a, end: b }, [x]);
}

/** Slice of a computed tensor, step 1 → one NetLoom Slice per cut axis. */
export const slice: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const starts = intsOf(ctx, 1, 'starts', 10);
  const ends = intsOf(ctx, 2, 'ends', 10);
  const axes = intsOf(ctx, 3, 'axes', 10);
  const steps = intsOf(ctx, 4, 'steps', 10);
  if (starts === null || ends === null || axes === null || steps === null) return 'starts, ends, axes and steps must be constants';
  if (!starts || !ends || starts.length !== ends.length) return 'needs as many starts as ends';
  if (steps && steps.some((s) => s !== 1)) return `steps [${steps.join(', ')}]: NetLoom's Slice keeps a contiguous range (step 1)`;
  const rank = x.shape.length + 1;
  let out: LiveValue = x;
  for (let i = 0; i < starts.length; i++) {
    const raw = axes ? axes[i]! : i;
    const r = keep(ctx, out, raw < 0 ? raw + rank : raw, starts[i]!, ends[i]!);
    if (typeof r === 'string') return r;
    out = r;
  }
  return [out];
};

/** Split of a computed tensor along one axis → one NetLoom Slice per part (equal parts unless `split` says). */
export const split: OpMapper = (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const rank = x.shape.length + 1;
  const raw = ctx.attrs.int('axis', 0);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 1 || axis >= rank) return `splits axis ${axis} of ${fullShape(x)}, the batch; NetLoom keeps every example together`;
  const n = x.shape[axis - 1]!;
  const given = intsOf(ctx, 1, 'split', 13);
  if (given === null) return 'split sizes must be constants';
  const parts = ctx.node.outputs.length;
  let sizes = given;
  if (!sizes) {
    // Equal parts; from opset 18 the last may be smaller (num_outputs).
    const each = Math.ceil(n / parts);
    sizes = Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(each, n - i * each)));
  }
  if (sizes.length !== parts || sizes.reduce((a, b) => a + b, 0) !== n) return `parts [${sizes.join(', ')}] do not split the ${n} positions of axis ${axis} into ${parts} outputs`;
  const outs: Value[] = [];
  let at = 0;
  for (const size of sizes) {
    const r = keep(ctx, x, axis, at, at + size);
    if (typeof r === 'string') return r;
    outs.push(r);
    at += size;
  }
  return outs;
};
