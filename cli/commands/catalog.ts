import { describeCatalog } from '../../core/catalog/describe';
import type { Output } from '../io';

/** `netloom catalog [--json]`: every node type, activation fn, dataset and param with default and range. */
export function catalogCommand(json: boolean, io: Output): number {
  const c = describeCatalog();
  if (json) {
    io.out(`${JSON.stringify(c, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  const params = (ps: { name: string; default: unknown; range: string; description: string }[]) =>
    ps.map((p) => `      ${p.name} = ${JSON.stringify(p.default)}  ${p.range}  — ${p.description}`);
  lines.push('NODES');
  for (const n of c.nodes) {
    lines.push(`  ${n.type} (${n.category})  in: ${n.inputs.join(', ') || '—'}  out: ${n.outputs.join(', ') || '—'}`, ...params(n.params));
  }
  lines.push('', 'ACTIVATION fn');
  for (const a of c.activations) lines.push(`  ${a.fn}`, ...params(a.params));
  lines.push('', 'DATASETS');
  for (const d of c.datasets) lines.push(`  ${d.name}`, ...params(d.params));
  lines.push('', `OPTIMIZERS  ${c.optimizers.join(', ')}`);
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
