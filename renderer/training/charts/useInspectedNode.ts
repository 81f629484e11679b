import { useEffect, useState } from 'react';
import type { TrainingController } from '../controller';
import { useStoreKey } from '../hooks';

/** While a run trains, an inspect view asks again this often (each answer is one forward pass in the worker). */
const REFRESH_MS = 1500;

/**
 * The node and validation example an inspect view (attention, feature maps, hidden state) shows: the
 * active run's nodes of the given types, the learner's choice among them (the first by default), the
 * shared inspected example, and the
 * `inspect` command sent whenever the choice changes and, while the run trains, every REFRESH_MS.
 */
export function useInspectedNode(c: TrainingController, shows: (type: string) => boolean) {
  const runId = useStoreKey(c, () => c.store.activeId);
  const nodesKey = useStoreKey(c, () => c.store.active()?.meta.graph.nodes.filter((n) => shows(n.type)).map((n) => n.id).join(',') ?? '');
  const running = useStoreKey(c, () => c.playState() === 'running');
  const nodes = nodesKey === '' ? [] : nodesKey.split(',');
  const [nodeId, setNodeId] = useState('');
  // One example for every inspect view and node preview (the controller keeps it).
  const example = useStoreKey(c, () => c.inspectedExample);
  const setExample = (n: number) => c.setInspectedExample(n);
  const chosen = nodes.includes(nodeId) ? nodeId : nodes[0] ?? '';

  const ask = () => {
    if (runId && chosen) c.inspect(runId, chosen, example);
  };
  useEffect(() => {
    ask();
    if (!running) return;
    const t = setInterval(ask, REFRESH_MS);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-ask when what is asked changes
  }, [c, runId, chosen, example, running]);

  return { nodes, chosen, setNodeId, example, setExample, ask };
}
