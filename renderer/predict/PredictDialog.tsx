import { useEffect, useRef, useState } from 'react';
import { encodeNpy } from '../../core/util/npy';
import { useDoc, useServices, useValue } from '../app/context';
import { trainingControllerFor } from '../training/live';
import { bytesToBase64, runWeightsFor } from '../training/weights-actions';
import { predictOpen } from './predict-store';
import { inputFromDataset, inputFromFile, runPrediction, type PredictInput, type PredictOutcome } from './run-predict';
import './predict.css';

/** Values shown per row; the full row is in the row's data-value and in the saved .npy. */
const SHOWN = 8;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4));

/**
 * Predict: pick the inputs (the dataset's first validation examples, or a .npy/.npz batch), run the
 * graph in evaluation mode, read the outputs. The weights are the selected run's when it trains this
 * graph, else an imported model's own, else the seed's initial ones — and the dialog says which. The
 * engine computes it (through the bridge, in a worker), so the window stays responsive.
 */
export function PredictDialog() {
  const open = useValue(predictOpen, (v) => v);
  const { bridge } = useServices();
  const graph = useDoc((s) => s.graph);
  const generation = useDoc((s) => s.generation);
  const [outcome, setOutcome] = useState<PredictOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  // Another document: the outputs shown belong to the old one.
  useEffect(() => {
    setOutcome(null);
    setError(null);
  }, [generation]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && predictOpen.set(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;

  const controller = trainingControllerFor(bridge);
  const hasDataset = graph.training.dataset.name !== 'none';
  const run = async (make: () => Promise<PredictInput>) => {
    setBusy(true);
    setError(null);
    try {
      const input = await make();
      const trained = await runWeightsFor(controller, graph).catch(() => null);
      setOutcome(await runPrediction(controller.engine, graph, input, trained ? { bytes: trained.bytes, label: `the ${trained.label}` } : null, Object.fromEntries(controller.files)));
    } catch (e) {
      setOutcome(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const p = outcome?.prediction;
  const per = p ? p.data.length / Math.max(1, p.shape[0]!) : 0;
  const rows = p ? Array.from({ length: p.shape[0]! }, (_, i) => Array.from(p.data.subarray(i * per, (i + 1) * per))) : [];

  return (
    <div className="nl-backdrop">
      <div className="nl-modal nl-predict" role="dialog" aria-modal="true" aria-label="Predict" data-testid="predict-dialog" data-state={busy ? 'running' : outcome ? 'done' : error ? 'error' : 'idle'}>
        <h2>Predict</h2>
        <p className="nl-muted">Runs <strong>{graph.name}</strong> in evaluation mode (dropout off, batch norm on its running statistics) and shows what it outputs. Nothing is trained.</p>
        <div className="nl-predict-actions">
          <button type="button" className="nl-btn" data-testid="predict-dataset" disabled={!hasDataset || busy}
            title={hasDataset ? 'The first validation examples of the graph\'s dataset' : 'This graph has no dataset: load a .npy file instead'}
            onClick={() => void run(async () => inputFromDataset(graph))}>
            Dataset examples
          </button>
          <button type="button" className="nl-btn" data-testid="predict-load" disabled={busy} title="A float32 .npy (or .npz with one array), batch first, as netloom predict --input takes"
            onClick={() => file.current?.click()}>
            Load .npy…
          </button>
          <input ref={file} type="file" accept=".npy,.npz" hidden aria-label="Input array file" data-testid="predict-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void run(async () => inputFromFile(new Uint8Array(await f.arrayBuffer()), f.name));
            }} />
        </div>
        {error && <div className="nl-predict-error" role="alert" data-testid="predict-error">{error}</div>}
        {outcome && p && (
          <>
            <p data-testid="predict-source">Inputs: {outcome.input}. Output of <strong>{p.node}</strong>, shape {p.shape.join(' × ')}.</p>
            <p data-testid="predict-weights">Weights: {outcome.weights}.</p>
            <div className="nl-predict-table-wrap">
              <table className="nl-predict-table" data-testid="predict-output">
                <thead><tr><th>#</th>{outcome.targets && <th>target</th>}{per > 1 && <th>top</th>}<th>outputs</th></tr></thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i} data-testid="predict-row" data-value={JSON.stringify(r)}>
                      <td>{i}</td>
                      {outcome.targets && <td>{outcome.targets[i]!.map(fmt).join(', ')}</td>}
                      {per > 1 && <td>{r.indexOf(Math.max(...r))}</td>}
                      <td className="nl-mono">{r.slice(0, SHOWN).map(fmt).join('  ')}{r.length > SHOWN ? `  … (${r.length})` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <div className="nl-actions">
          {outcome && p && (
            <button type="button" className="nl-btn" data-testid="predict-save" onClick={() => void bridge.exportFile({
              suggestedName: `${graph.name.replace(/[^\w.-]+/g, '_')}-predictions.npy`, contents: bytesToBase64(encodeNpy(p.shape, p.data)), encoding: 'base64',
            })}>Save outputs (.npy)…</button>
          )}
          <button type="button" className="nl-btn primary" data-testid="predict-close" onClick={() => predictOpen.set(false)}>Close</button>
        </div>
      </div>
    </div>
  );
}
