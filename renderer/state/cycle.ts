/** Edges as the cycle check needs them: only who feeds whom. */
export interface Link {
  source: string;
  target: string;
}

/**
 * Would adding `source → target` close a loop? Only if `source` is already reachable from `target`
 * (a node feeding itself counts). Iterative DFS: a 300-node chain must not overflow the stack.
 */
export function wouldCreateCycle(links: readonly Link[], source: string, target: string): boolean {
  if (source === target) return true;
  const out = new Map<string, string[]>();
  for (const l of links) {
    const list = out.get(l.source);
    if (list) list.push(l.target);
    else out.set(l.source, [l.target]);
  }
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const next of out.get(id) ?? []) {
      if (next === source) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
