export { traceExample, type Trace, type TracedNode, type TracedParam } from './trace';
export { unitMap, type UnitMap } from './unit-map';
export { traceToJson, type TraceJson } from './json';
export { exampleRows, type ExampleRows } from './rows';
