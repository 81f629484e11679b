import { parseGraphText, serializeGraph } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';

/**
 * What the recovery store holds: the graph plus which file it belonged to, so a restored document
 * keeps its name. The host only stores text; a bare graph file (older or foreign) is accepted too.
 */
export interface RecoveryRecord {
  graph: Graph;
  fileName: string;
  filePath?: string;
  savedAt: string;
}

const KIND = 'netloom-recovery';

export function encodeRecovery(r: RecoveryRecord): string {
  return JSON.stringify({ kind: KIND, fileName: r.fileName, filePath: r.filePath, savedAt: r.savedAt, graph: serializeGraph(r.graph) });
}

export function decodeRecovery(text: string): RecoveryRecord | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === KIND) {
    const d = doc as { fileName?: unknown; filePath?: unknown; savedAt?: unknown; graph?: unknown };
    if (typeof d.graph !== 'string') return null;
    const parsed = parseGraphText(d.graph);
    if (!parsed.ok) return null;
    return {
      graph: parsed.graph,
      fileName: typeof d.fileName === 'string' ? d.fileName : `${parsed.graph.name}.json`,
      ...(typeof d.filePath === 'string' ? { filePath: d.filePath } : {}),
      savedAt: typeof d.savedAt === 'string' ? d.savedAt : '',
    };
  }
  const parsed = parseGraphText(text);
  return parsed.ok ? { graph: parsed.graph, fileName: `${parsed.graph.name}.json`, savedAt: '' } : null;
}
