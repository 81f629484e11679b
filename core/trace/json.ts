import type { Trace } from './trace';

/** The trace as `netloom trace --json` prints it: plain arrays (a non-finite value becomes null). */
export interface TraceJson {
  example: number;
  loss: number | null;
  input: (number | null)[];
  target: (number | null)[];
  nodes: {
    id: string;
    type: string;
    shape: number[];
    output: (number | null)[];
    gradOutput: (number | null)[] | null;
    params: Record<string, { shape: number[]; value: (number | null)[]; grad: (number | null)[] }>;
  }[];
}

const list = (a: Float32Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
const num = (v: number) => (Number.isFinite(v) ? v : null);

export function traceToJson(t: Trace): TraceJson {
  return {
    example: t.example,
    loss: num(t.loss),
    input: list(t.input),
    target: list(t.target),
    nodes: t.nodes.map((n) => ({
      id: n.id, type: n.type, shape: [...n.shape],
      output: list(n.output),
      gradOutput: n.gradOutput ? list(n.gradOutput) : null,
      params: Object.fromEntries(Object.entries(n.params).map(([k, p]) => [k, { shape: [...p.shape], value: list(p.value), grad: list(p.grad) }])),
    })),
  };
}
