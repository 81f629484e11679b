import { describe, expect, it } from 'vitest';
import { beginGesture, canRedo, canUndo, createHistory, endGesture, HISTORY_LIMIT, record, redo, undo } from '../../renderer/state/history';
import { createDocumentStore, isDirty } from '../../renderer/state/document-store';
import { addNode, moveNodes, setParam } from '../../renderer/state/graph-edit';

describe('undo history', () => {
  it('records one entry per edit and undoes/redoes it', () => {
    let h = createHistory(0);
    h = record(h, 1);
    h = record(h, 2);
    expect(h.past).toEqual([0, 1]);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(canRedo(h)).toBe(true);
    h = redo(h);
    expect(h.present).toBe(2);
    h = undo(undo(h));
    expect(h.present).toBe(0);
    expect(canUndo(h)).toBe(false);
  });

  it('folds every edit of a gesture into one entry', () => {
    let h = createHistory('a');
    h = beginGesture(h);
    for (const s of ['b', 'c', 'd']) h = record(h, s);
    expect(h.past).toEqual([]);
    h = endGesture(h);
    expect(h.past).toEqual(['a']);
    expect(h.present).toBe('d');
    expect(undo(h).present).toBe('a');
  });

  it('a gesture that changed nothing leaves no entry', () => {
    const h = endGesture(beginGesture(createHistory('a')));
    expect(h.past).toEqual([]);
    expect(canUndo(h)).toBe(false);
  });

  it('a new edit clears the redo stack; the past is bounded', () => {
    let h = record(undo(record(createHistory(0), 1)), 5);
    expect(h.future).toEqual([]);
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h = record(h, 100 + i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
  });

  it('undo during an open gesture closes it first', () => {
    let h = beginGesture(record(createHistory(0), 1));
    h = record(h, 2);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(h.gestureBase).toBeNull();
  });
});

describe('document store', () => {
  it('a drag (many moves) and a param edit are one undo step each; dirty follows the saved graph', () => {
    const store = createDocumentStore();
    store.edit((g) => addNode(g, { type: 'Dense', position: { x: 0, y: 0 } }).graph);
    const afterAdd = store.getState().graph;
    store.markSaved({ name: 'a.json' });
    expect(isDirty(store.getState())).toBe(false);

    store.beginGesture();
    for (let x = 1; x <= 20; x++) store.edit((g) => moveNodes(g, new Map([['dense1', { x, y: x }]])));
    store.endGesture();
    store.edit((g) => setParam(g, 'dense1', 'units', 4));
    expect(isDirty(store.getState())).toBe(true);

    store.undo();
    expect(store.getState().graph.nodes[0]!.params.units).toBeUndefined();
    expect(store.getState().graph.nodes[0]!.position).toEqual({ x: 20, y: 20 });
    store.undo();
    expect(store.getState().graph).toBe(afterAdd);
    expect(isDirty(store.getState())).toBe(false);
    store.redo();
    store.redo();
    expect(store.getState().graph.nodes[0]!.params.units).toBe(4);
  });
});
