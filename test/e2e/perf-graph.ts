/** The generated 300-node graph of the performance spec. */
const COLS = 20;

export function bigGraph() {
  const nodes: object[] = [];
  const edges: object[] = [];
  const kinds: [string, Record<string, unknown>][] = [['Input', {}]];
  for (let i = 0; i < 148; i++) kinds.push(['Dense', { units: 8 }], ['Activation', { fn: i % 2 ? 'relu' : 'tanh' }]);
  kinds.push(['Dense', { units: 1 }], ['Activation', { fn: 'sigmoid' }], ['Loss', { fn: 'bce' }]);
  kinds.forEach(([type, params], i) => {
    const row = Math.floor(i / COLS);
    const col = row % 2 ? COLS - 1 - (i % COLS) : i % COLS; // snake, so edges stay short
    nodes.push({ id: `n${i}`, type, params, position: { x: col * 230, y: row * 150 } });
    if (i > 0) edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  });
  return {
    format: 'netloom-graph', version: 1, name: 'Perf 300', nodes, edges,
    training: { dataset: { name: 'xor' }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 1, seed: 1 },
  };
}

export function bigGraphText(): string {
  return JSON.stringify(bigGraph());
}
