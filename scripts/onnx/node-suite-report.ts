/**
 * Prints how every in-scope case of the ONNX backend node suite fares through the importer, as the
 * lines of test/importers/onnx-conformance-expectations.ts would need them (for reviewing changes):
 *   npx tsx scripts/onnx/node-suite-report.ts [filter]
 */
import { ensureNodeSuite, inScope, listCases, onnxVersion, runCase } from '../../test/importers/helpers/onnx-node-suite';
import { classify } from '../../test/importers/onnx-conformance-reasons';

const version = onnxVersion();
if (!version) throw new Error('/usr/bin/python3 has no onnx module');
const filter = process.argv[2] ?? '';
const cases = listCases(ensureNodeSuite(version)).filter((c) => inScope(c) && c.name.includes(filter));
const counts: Record<string, number> = {};
for (const c of cases) {
  const o = runCase(c, true);
  const line = o.kind === 'pass' ? `'pass'` : o.kind === 'refused' ? `'${classify(o.message)}'` : `'${o.kind}'`;
  counts[line] = (counts[line] ?? 0) + 1;
  const detail = o.kind === 'pass' ? '' : ` // ${o.message.split('\n').slice(-1)[0]!.slice(0, 160)}`;
  console.log(`  ${c.name}: ${line},${detail}`);
}
console.error(cases.length, 'in scope', counts);
