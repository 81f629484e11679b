import type { Analysis } from '../graph/analyze';
import type { Graph, GraphNode } from '../graph/schema';
import type { ParamValues } from '../catalog/types';

/**
 * One edit to a graph, as plain data so it can cross the worker boundary, be printed by
 * `netloom advise --json`, and be applied by the one `applyFix` both the CLI and the app use.
 */
export type GraphEdit =
  /** Set one param of a node (an Activation's fn, a Loss's fn or logits, a Dense's init…). */
  | { kind: 'set-param'; node: string; param: string; value: number | boolean | string }
  /** Remove a one-input node and wire its input straight to everything it fed. */
  | { kind: 'remove-node'; node: string }
  /**
   * Put a new one-input node right after `after`: on the edge to `before` only when given, otherwise
   * on every edge out of `after`. `node.id` is a wish; applyFix picks a free id if it is taken.
   */
  | { kind: 'insert-node'; after: string; before?: string; node: { id: string; type: string; params: Record<string, unknown> } }
  /** Set a training field by its path under `training`, e.g. `["optimizer", "lr"]`. */
  | { kind: 'set-training'; path: string[]; value: number | boolean | string };

/** A one-click repair: what the button says, and the edits it makes. */
export interface Fix {
  label: string;
  edits: GraphEdit[];
}

/** A warning, not an error: the graph still trains, but probably not the way its author hopes. */
export interface AdvisorWarning {
  /** Stable id, documented in docs/advisor.md (tests and the UI key on it). */
  rule: string;
  /** The node the warning is about, or null for the whole graph (e.g. the learning rate). */
  node: string | null;
  /** One or two plain sentences: what is wrong and why. */
  message: string;
  fix: Fix | null;
}

/** What rules read: the graph and its analysis, with a few lookups every rule needs. */
export interface AdvisorContext {
  graph: Graph;
  analysis: Analysis;
  node(id: string): GraphNode | undefined;
  /** The node's type, or undefined for unknown nodes. */
  typeOf(id: string): string | undefined;
  /** Params with defaults filled (only for nodes whose params are valid). */
  paramsOf(id: string): ParamValues | undefined;
  /** Activation fn of an Activation node, else undefined. */
  fnOf(id: string): string | undefined;
  /** The node feeding input port `port` (0 by default). */
  sourceOf(id: string, port?: number): string | undefined;
  /** Nodes fed by this node's output. */
  consumersOf(id: string): string[];
  /** The (first) Loss node, if any. */
  lossId: string | undefined;
  /** The node feeding the Loss: the network's output. */
  outputId: string | undefined;
  /** Facts the caller could measure, such as the dataset's target range. */
  facts: AdvisorFacts;
}

export interface AdvisorFacts {
  /** Smallest and largest regression target in the training data, when the caller has the data. */
  targetRange?: [number, number];
}

export interface Rule {
  id: string;
  /** One line for docs and `netloom advise`: what the rule looks for. */
  summary: string;
  check(ctx: AdvisorContext): AdvisorWarning[];
}
