import { relaxedSimdSupported, type KernelFlavor } from '../kernels/wasm/module';
import { denseGflops, mlpFlopsPerSample, mlpThroughput } from './scaling';

/**
 * `netloom bench --scaling`: the scaling tables of docs/perf.md, as markdown. Dense-layer products per
 * kernel build (plain SIMD and FMA measured in the same run, so they compare), then training throughput of
 * 784 → H → H → 10 against hidden width and batch size with the build a run gets by default.
 */
export const HIDDEN_WIDTHS = [32, 64, 128, 256, 512, 1024];
export const BATCH_SIZES = [1, 8, 32, 64, 128, 512];

export interface ScalingOptions {
  /** Per MLP figure (plus a quarter of it to warm up). */
  mlpMs: number;
  /** Per kernel window (best of 5). */
  kernelMs: number;
}

export const FULL_SCALING: ScalingOptions = { mlpMs: 1500, kernelMs: 40 };
export const QUICK_SCALING: ScalingOptions = { mlpMs: 30, kernelMs: 2 };

export interface ScalingReport {
  dense: { hidden: number; gflops: Record<string, number | null> }[];
  width: { hidden: number; samplesPerSec: number; gflops: number }[];
  batch: { batch: number; samplesPerSec: number; gflops: number }[];
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

export function scalingReport(o: ScalingOptions = FULL_SCALING): ScalingReport {
  const flavors: KernelFlavor[] = relaxedSimdSupported() ? ['simd', 'fma'] : ['simd'];
  const dense = HIDDEN_WIDTHS.map((h) => {
    const gflops: Record<string, number | null> = {};
    for (const f of flavors) {
      gflops[`${f} K=784`] = denseGflops(f, 64, 784, h, o.kernelMs);
      gflops[`${f} K=H`] = denseGflops(f, 64, h, h, o.kernelMs);
    }
    return { hidden: h, gflops };
  });
  const width = HIDDEN_WIDTHS.map((h) => {
    const s = mlpThroughput(h, 64, o.mlpMs);
    return { hidden: h, samplesPerSec: s, gflops: (s * mlpFlopsPerSample(h)) / 1e9 };
  });
  const batch = BATCH_SIZES.map((b) => {
    const s = mlpThroughput(128, b, o.mlpMs);
    return { batch: b, samplesPerSec: s, gflops: (s * mlpFlopsPerSample(128)) / 1e9 };
  });
  return { dense, width, batch };
}

export function scalingMarkdown(r: ScalingReport): string {
  const cols = Object.keys(r.dense[0]?.gflops ?? {});
  const lines = [
    'Dense-layer products (Y = X·W + b, dW = Xᵀ·dY, dX = dY·Wᵀ), X [64, K], W [K, H], GFLOP/s (best of 5):',
    '',
    `| H | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    ...r.dense.map((d) => `| ${d.hidden} | ${cols.map((c) => (d.gflops[c] == null ? '—' : d.gflops[c]!.toFixed(1))).join(' | ')} |`),
    '',
    'Training 784 → H → H → 10 (ReLU, softmax CE, Adam), batch 64:',
    '',
    '| hidden width H | samples/s | GFLOP/s | vs H = 128 |',
    '|---|---|---|---|',
  ];
  const at128 = r.width.find((w) => w.hidden === 128)?.gflops ?? NaN;
  for (const w of r.width) lines.push(`| ${w.hidden} | ${fmt(w.samplesPerSec)} | ${w.gflops.toFixed(1)} | ${Math.round((100 * w.gflops) / at128)} % |`);
  lines.push('', 'Against batch size, H = 128:', '', '| batch size | samples/s | GFLOP/s |', '|---|---|---|');
  for (const b of r.batch) lines.push(`| ${b.batch} | ${fmt(b.samplesPerSec)} | ${b.gflops.toFixed(1)} |`);
  return `${lines.join('\n')}\n`;
}
