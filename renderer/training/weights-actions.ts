import { compileGraph } from '../../core/compiler/compile';
import type { Plan } from '../../core/compiler/plan';
import { pythonExportNames } from '../../core/exporters/python/file-names';
import type { Graph } from '../../core/graph/schema';
import type { HostBridge } from '../../core/protocol/host';
import { decodeWeightsFor, encodeWeights, initialWeights } from '../../core/weights';
import type { TrainingController } from './controller';
import { isFinished } from './run-store';

/**
 * Weights in the app: which weights "Save weights…" and the exporters use (the selected run's, or
 * the initial ones of the graph's seed, said plainly), and loading a weights file into a new run.
 * The files are the CLI's: `netloom train --save-weights` / `--load-weights` read and write the same.
 */
export interface ChosenWeights {
  bytes: Uint8Array;
  /** For the person: where these weights come from. */
  label: string;
  trained: boolean;
}

export function planOf(graph: Graph): Plan | null {
  const compiled = compileGraph(graph);
  return compiled.ok ? compiled.plan : null;
}

/** The selected run's current (or final) weights, when that run trains this graph; else null. */
export async function runWeightsFor(c: TrainingController, graph: Graph): Promise<ChosenWeights | null> {
  const run = c.store.active();
  if (!run) return null;
  const kept = c.weights.latest(run.meta.id);
  const live = !run.detached && !isFinished(run.state);
  const snap = live ? await c.weights.request(run.meta.id) : kept;
  if (!snap) return null;
  const plan = planOf(graph);
  if (plan) {
    try {
      decodeWeightsFor(plan, snap.bytes);
    } catch {
      return null; // the graph on the canvas changed shape since that run: its weights do not fit
    }
  }
  return { bytes: snap.bytes, label: `trained weights of run "${run.meta.name}" (step ${snap.step}, epoch ${snap.epoch})`, trained: snap.step > 0 };
}

/** The weights a run of this graph starts from (the graph's seed), as a weights file. */
export function initialWeightsFile(graph: Graph): ChosenWeights {
  const plan = planOf(graph);
  if (!plan) throw new Error('the graph does not compile yet (see Problems), so it has no weights');
  return {
    bytes: encodeWeights(plan, initialWeights(plan, graph.training.seed), { step: '0' }),
    label: `initial weights (seed ${graph.training.seed}): no run of this graph has trained yet`,
    trained: false,
  };
}

/** The weights file's name: the Python export's module name, so `xor.py` finds `xor.safetensors`-style files. */
export function weightsFileName(graphName: string): string {
  return `${pythonExportNames(graphName).module}.safetensors`;
}

export async function saveWeights(c: TrainingController, bridge: HostBridge, graph: Graph): Promise<string> {
  const chosen = (await runWeightsFor(c, graph)) ?? initialWeightsFile(graph);
  const name = weightsFileName(graph.name);
  const ok = await bridge.exportFile({ suggestedName: name, contents: bytesToBase64(chosen.bytes), encoding: 'base64' });
  return ok ? `Saved the ${chosen.label} as ${name}.` : 'Weights not saved.';
}

/**
 * Check a weights file against the graph (the message names the tensor that does not fit), then start
 * a run from it, paused at step 0 and evaluated, so the read-outs show how these weights do.
 */
export function loadWeights(c: TrainingController, graph: Graph, bytes: Uint8Array, fileName: string): string {
  const plan = planOf(graph);
  if (!plan) throw new Error('Fix the graph first (see Problems): weights are checked against a graph that compiles.');
  try {
    decodeWeightsFor(plan, bytes);
  } catch (e) {
    throw new Error(`${fileName}: ${(e as Error).message}`);
  }
  c.startFromWeights(graph, bytes, fileName);
  return `Loaded ${fileName}: the run is paused at step 0 with these weights; Train continues from them.`;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
