import type { Graph } from '../../core/graph/schema';
import { emptyGraph } from './graph-edit';
import type { Selection } from './flow-cache';
import * as H from './history';

/**
 * The one document store: the graph, its undo history, the selection and the file it belongs to.
 * Components read it through a hook and change it through these methods; graph changes themselves
 * are pure functions (graph-edit.ts, clipboard.ts) passed to `edit`.
 */
export interface DocumentState {
  history: H.History<Graph>;
  /** Always `history.present`; here for convenience. */
  graph: Graph;
  selection: Selection;
  file: { name: string; path?: string };
  /** The graph as last saved or opened; dirty = the graph is not that object. */
  savedGraph: Graph | null;
  /** Bumped when a whole new document is loaded: the canvas refits its view. */
  generation: number;
}

export type Recipe = (graph: Graph) => Graph;
export type Listener = () => void;

const EMPTY: Selection = { nodes: new Set(), edges: new Set() };

export function isDirty(s: DocumentState): boolean {
  return s.graph !== s.savedGraph;
}

export function createDocumentStore(initial: Graph = emptyGraph(), fileName = 'Untitled.json') {
  let state: DocumentState = {
    history: H.createHistory(initial), graph: initial, selection: EMPTY, file: { name: fileName }, savedGraph: initial, generation: 0,
  };
  const listeners = new Set<Listener>();

  function set(next: DocumentState): void {
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  }

  function withHistory(history: H.History<Graph>, selection = state.selection): void {
    if (history === state.history && selection === state.selection) return;
    set({ ...state, history, graph: history.present, selection });
  }

  return {
    getState: (): DocumentState => state,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** One complete edit = one undo entry (or part of the open gesture). Optionally select afterwards. */
    edit(recipe: Recipe, select?: Selection): void {
      const next = recipe(state.graph);
      withHistory(H.record(state.history, next), select ?? state.selection);
    },
    /**
     * Fold a follow-up change into the present entry instead of recording a new one: the canvas moving
     * neighbours aside after a node grew is part of the edit that made it grow (one undo takes both back).
     * It is layout, not the user's edit: a clean document stays clean (training alone, whose live
     * previews grow the nodes, must not make "Discard unsaved changes?" appear).
     */
    amend(recipe: Recipe): void {
      const next = recipe(state.graph);
      if (next === state.graph) return;
      const clean = state.savedGraph === state.graph;
      set({ ...state, history: { ...state.history, present: next }, graph: next, savedGraph: clean ? next : state.savedGraph });
    },
    /** Open a gesture: edits until `endGesture` become one undo entry (a drag, typing). */
    beginGesture(): void {
      withHistory(H.beginGesture(state.history));
    },
    endGesture(): void {
      withHistory(H.endGesture(state.history));
    },
    undo(): void {
      withHistory(H.undo(state.history));
    },
    redo(): void {
      withHistory(H.redo(state.history));
    },
    canUndo: (): boolean => H.canUndo(state.history),
    canRedo: (): boolean => H.canRedo(state.history),

    select(selection: Selection): void {
      if (sameSelection(selection, state.selection)) return;
      set({ ...state, selection });
    },
    selectAll(): void {
      set({ ...state, selection: { nodes: new Set(state.graph.nodes.map((n) => n.id)), edges: new Set(state.graph.edges.map((e) => e.id)) } });
    },

    /** Replace the document (new, open, template, restore). `clean` false = unsaved from the start. */
    load(graph: Graph, file: { name: string; path?: string }, clean: boolean): void {
      set({
        history: H.createHistory(graph), graph, selection: EMPTY, file, savedGraph: clean ? graph : null, generation: state.generation + 1,
      });
    },
    markSaved(file: { name: string; path?: string }): void {
      set({ ...state, file, savedGraph: state.graph });
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

function sameSelection(a: Selection, b: Selection): boolean {
  return a.nodes.size === b.nodes.size && a.edges.size === b.edges.size
    && [...a.nodes].every((id) => b.nodes.has(id)) && [...a.edges].every((id) => b.edges.has(id));
}
