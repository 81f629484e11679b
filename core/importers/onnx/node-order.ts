import type { OnnxTypes } from '../../onnx/proto';

/**
 * ONNX requires nodes in topological order, but not every writer keeps it: order them by what they
 * read (stable for files that are already sorted). Nodes caught in a cycle or reading a value nobody
 * produces keep their place at the end and are reported when they are reached.
 */
export function topologicalOrder(nodes: OnnxTypes.INodeProto[], available: Set<string>): OnnxTypes.INodeProto[] {
  const done = new Set(available);
  const out: OnnxTypes.INodeProto[] = [];
  let pending = nodes;
  while (pending.length > 0) {
    const next: OnnxTypes.INodeProto[] = [];
    for (const n of pending) {
      if ((n.input ?? []).every((i) => i === '' || done.has(i))) {
        out.push(n);
        for (const o of n.output ?? []) done.add(o);
      } else next.push(n);
    }
    if (next.length === pending.length) return [...out, ...next];
    pending = next;
  }
  return out;
}


/**
 * The nodes the graph outputs depend on, in order. The rest cannot change a prediction: PyTorch
 * leaves shape arithmetic behind for zero initial states once the fusions have dropped them (and a
 * ConstantOfShape of a batch-dependent shape could not be evaluated anyway). An op NetLoom does not
 * know is kept even there, so that the refusal still lists every such op.
 */
export function usedNodes(nodes: OnnxTypes.INodeProto[], outputs: string[], known: (n: OnnxTypes.INodeProto) => boolean): OnnxTypes.INodeProto[] {
  const needed = new Set(outputs);
  const keep = new Set<OnnxTypes.INodeProto>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (known(n) && !(n.output ?? []).some((o) => needed.has(o))) continue;
    keep.add(n);
    for (const x of n.input ?? []) if (x) needed.add(x);
  }
  return nodes.filter((n) => keep.has(n));
}
