import { compileWorkload, freshTrainer } from '../../core/bench/protocol';
import { buildWorkload } from '../../core/bench/workloads';
const name = (process.argv[2] ?? 'W6') as 'W6';
const w = buildWorkload(name); const p = compileWorkload(w);
const tA = freshTrainer(w, p);
(globalThis as any).__AB_OFF = true; const tB = freshTrainer(w, p); (globalThis as any).__AB_OFF = false;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rate = (t: typeof tA, ms: number) => { const t0 = cpu(); let k = 0; while (cpu() - t0 < ms) { for (let i = 0; i < 4; i++) { t.trainBatch(); t.endOfEpoch(); k++; } } return k * p.batchSize / ((cpu() - t0) / 1000); };
rate(tA, 500); rate(tB, 500);
const a: number[] = [], b: number[] = [];
for (let r = 0; r < 7; r++) { a.push(rate(tA, 700)); b.push(rate(tB, 700)); }
const med = (x: number[]) => [...x].sort((u, v) => u - v)[3]!;
console.log(name, 'new', med(a).toFixed(0), 'old', med(b).toFixed(0), 'ratio', (med(a) / med(b)).toFixed(3), 'pairs', a.map((x, i) => (x / b[i]!).toFixed(2)).join(' '));
