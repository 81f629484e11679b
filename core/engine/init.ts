import type { ParamTensorSpec } from '../catalog/types';
import type { Rng } from '../util/rng';
import type { Buf } from '../util/tensor';

/**
 * A spec that also sets some ranges of its tensor to constants after the main draw, e.g. the forget-gate
 * block of an LSTM's bias. The draw still consumes the whole tensor's randoms first, so the stream (and
 * every later tensor's values) does not depend on the blocks.
 */
export interface BlockInitSpec extends ParamTensorSpec {
  constantBlocks?: readonly { start: number; end: number; value: number }[];
}

/**
 * Fill a parameter tensor. Uniform draws use `(r*2-1)*lim` in storage order, the same formula the
 * benchmark protocol and the exporters' parity tests use, so one stream reproduces weights exactly.
 */
export function initParam(buf: Buf, spec: ParamTensorSpec, rng: Rng): void {
  drawParam(buf, spec, rng);
  for (const b of (spec as BlockInitSpec).constantBlocks ?? []) buf.fill(b.value, b.start, b.end);
}

function drawParam(buf: Buf, spec: ParamTensorSpec, rng: Rng): void {
  const { fanIn, fanOut } = spec;
  switch (spec.init) {
    case 'zeros':
      buf.fill(0);
      return;
    case 'ones':
      buf.fill(1);
      return;
    case 'constant':
      buf.fill(spec.value ?? 0);
      return;
    case 'xavier_uniform':
      return uniform(buf, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'he_uniform':
      return uniform(buf, Math.sqrt(6 / fanIn), rng);
    case 'xavier_normal':
      return normal(buf, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'he_normal':
      return normal(buf, Math.sqrt(2 / fanIn), rng);
    case 'lecun_normal':
      return normal(buf, Math.sqrt(1 / fanIn), rng);
    case 'normal':
      return normal(buf, spec.value ?? 0.05, rng);
  }
}

function uniform(buf: Buf, lim: number, rng: Rng): void {
  for (let i = 0; i < buf.length; i++) buf[i] = (rng.next() * 2 - 1) * lim;
}

function normal(buf: Buf, std: number, rng: Rng): void {
  for (let i = 0; i < buf.length; i++) buf[i] = rng.normal() * std;
}
