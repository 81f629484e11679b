import { useDoc } from '../app/context';
import { adviceForNode } from './advice';

/**
 * The advisor's mark on a canvas node: a small "!" with the warnings as its tooltip. Subscribes to a
 * string of rule ids, so a node re-renders only when its own advice changes.
 */
export function NodeAdviceMark({ nodeId }: { nodeId: string }) {
  const rules = useDoc((s) => adviceForNode(s.graph, nodeId).map((w) => w.rule).join(' '));
  const messages = useDoc((s) => adviceForNode(s.graph, nodeId).map((w) => w.message).join('\n'));
  if (rules === '') return null;
  const n = rules.split(' ').length;
  return (
    <span className="nl-node-advice" data-testid="node-advice" data-rules={rules} title={`Advisor: ${messages}`} aria-label={`${n} advisor warning${n > 1 ? 's' : ''}`}>
      !
    </span>
  );
}
