import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { getNodeKind } from '../../core/catalog';
import { analyzeGraph } from '../../core/graph/analyze';
import type { Graph } from '../../core/graph/schema';
import { formatShape } from '../../core/util/tensor';
import type { Size } from './flow-convert';
import { moveNodes, type XY } from './graph-edit';
import { groupsOf } from '../groups/group-model';
import { layoutWithGroups } from '../groups/group-layout';

/** Size used for nodes the canvas has not measured yet (an imported file laid out before it is drawn). */
export const DEFAULT_NODE_SIZE: Size = { width: 180, height: 86 };

interface LayoutEngine {
  elk: ELK;
  /** Rejects if the layout worker fails (could not load, crashed); null for the in-process build. */
  failed: Promise<never> | null;
}

let engine: Promise<LayoutEngine> | null = null;

const inProcess = (): Promise<LayoutEngine> => import('elkjs/lib/elk.bundled.js').then((m) => ({ elk: new m.default(), failed: null }));

/**
 * ELK is ~1.5 MB: loaded on first use, so it does not slow down start-up. In a browser it runs in a
 * Web Worker, so laying out a big imported model never freezes the window; in Node (CLI, tests,
 * benchmarks), or if the worker cannot start, the bundled build runs in-process.
 */
function loadElk(): Promise<LayoutEngine> {
  engine ??= typeof Worker === 'undefined'
    ? inProcess()
    : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(([api, url]) => {
      let fail: (e: Error) => void = () => undefined;
      const failed = new Promise<never>((_, reject) => {
        fail = reject;
      });
      failed.catch(() => undefined);
      const elk = new api.default({
        workerFactory: () => {
          const w = new Worker(url.default, { name: 'netloom-layout' });
          // ELK's API never hears of a worker that failed to load: without this a layout would wait forever.
          w.addEventListener('error', (e) => fail(new Error(e.message || 'the layout worker failed')));
          return w;
        },
      });
      return { elk, failed };
    }, inProcess);
  return engine;
}

async function runElk(root: ElkNode): Promise<ElkNode> {
  const e = await loadElk();
  if (!e.failed) return e.elk.layout(root);
  try {
    return await Promise.race([e.elk.layout(root), e.failed]);
  } catch {
    engine = inProcess();
    return (await engine).elk.layout(root);
  }
}

/** Width of a wire's shape label (12 px monospace, ~7.3 px a character, plus padding and border). */
const labelWidth = (text: string): number => text.length * 7.3 + 10;

/**
 * Room between layers: at least 70 px, and wide enough for the widest shape label plus a margin on each
 * side, so a label like `[B, 16, 16, 16]` sits on its wire between two nodes rather than over them.
 */
export function layerSpacing(graph: Graph): number {
  const shapes = analyzeGraph(graph).shapes;
  let widest = 0;
  for (const e of graph.edges) {
    const shape = shapes.get(e.source);
    if (shape) widest = Math.max(widest, labelWidth(formatShape(shape)));
  }
  return Math.max(70, Math.ceil(widest + 20));
}

/**
 * Layered left→right layout (data flows the way we read). Multi-input nodes get ordered ports so
 * `a` stays above `b` and edges do not cross at the node.
 */
export async function layoutPositions(graph: Graph, sizes: ReadonlyMap<string, Size> = new Map()): Promise<Map<string, XY>> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const typeOf = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(layerSpacing(graph)),
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((n) => {
      const size = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
      const inputs = getNodeKind(n.type)?.inputs ?? [];
      return {
        id: n.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          ...inputs.map((p, i) => ({ id: `${n.id}#in#${p.name}`, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(inputs.length - 1 - i) } })),
          { id: `${n.id}#out`, layoutOptions: { 'elk.port.side': 'EAST' } },
        ],
      };
    }),
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => {
        const inputs = getNodeKind(typeOf.get(e.target)!)?.inputs ?? [];
        const port = e.targetHandle ?? inputs[0]?.name;
        const known = inputs.some((p) => p.name === port);
        return { id: e.id, sources: [`${e.source}#out`], targets: [known ? `${e.target}#in#${port}` : e.target] };
      }),
  };
  const groups = groupsOf(graph);
  if (groups.length > 0) return layoutWithGroups(root, groups, runElk);
  const out = await runElk(root);
  const positions = new Map<string, XY>();
  for (const c of out.children ?? []) positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return positions;
}

export async function layoutGraph(graph: Graph, sizes?: ReadonlyMap<string, Size>): Promise<Graph> {
  if (graph.nodes.length === 0) return graph;
  return moveNodes(graph, await layoutPositions(graph, sizes));
}

export function needsLayout(graph: Graph): boolean {
  return graph.nodes.some((n) => n.position === undefined);
}
