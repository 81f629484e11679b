// Prints the scaling tables of docs/perf.md (markdown). Not a test: run `npx tsx test/bench/perf-report.ts`.
import { compileTime, mlpThroughput } from '../../core/bench/scaling';

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

console.log('| hidden width H (batch 64) | samples/s |\n|---|---|');
for (const h of [32, 64, 128, 256, 512, 1024]) console.log(`| ${h} | ${fmt(mlpThroughput(h, 64, 1500))} |`);
console.log('\n| batch size (H = 128) | samples/s |\n|---|---|');
for (const b of [1, 8, 32, 64, 128, 512]) console.log(`| ${b} | ${fmt(mlpThroughput(128, b, 1500))} |`);
console.log('\n| graph nodes | compile ms (median) |\n|---|---|');
compileTime(1000, 3); // warm the compiler's code paths first
for (const n of [10, 100, 1000, 10000]) {
  const r = compileTime(n, n >= 10000 ? 3 : 9);
  console.log(`| ${r.nodes} | ${r.ms.toFixed(1)} |`);
}
