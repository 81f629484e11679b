import { documentWeightsFor } from '../predict/document-weights';
import type { Graph } from '../../core/graph/schema';
import type { EngineMessage, RunOptions } from '../../core/protocol/engine';
import type { EngineBridge } from '../../core/protocol/host';
import { CommandGate, type RunCommand } from '../engine/command-gate';
import { trainingFingerprint, withActivation } from './graph-variants';
import { createRunStore, isFinished, type RunData, type RunStore } from './run-store';
import { RunWeights } from './run-weights';

/** Decision grid resolution: 40×40 evaluations per epoch is cheap and looks smooth once scaled. */
const GRID_SIZE = 40;

export type PlayState = 'idle' | 'running' | 'paused' | 'finished';

/**
 * Turns button presses into engine commands and engine messages into store updates. Not React: the
 * panel, the node previews and the keyboard shortcuts all share one controller per engine.
 */
export class TrainingController {
  readonly store: RunStore = createRunStore();
  /** CSV text by the path written in the graph: browser mode sends it with each run. */
  readonly files = new Map<string, string>();
  /** Bumped by `setFile`, so views that check the picked file (the Train button) look again. */
  fileVersion = 0;
  /** The latest message worth showing the user (a failed command, a refused inspect…). */
  notice: string | null = null;
  /** Speed limit for runs, in batches per second; null = as fast as possible. Applies to live runs at once. */
  speed: number | null = null;
  /**
   * The validation example the inspect views (Layers tab) and the canvas nodes' previews show: one
   * choice for all, so a node's preview and its feature maps in the Layers tab are of the same example.
   */
  inspectedExample = 0;
  /** Each run's latest weights (asked for when it finishes, pauses or stops, or on Save weights). */
  readonly weights = new RunWeights((runId) => this.send({ type: 'weights', runId }));
  private gate = new CommandGate();
  private counter = 0;
  private unsubscribe: () => void;

  constructor(readonly engine: EngineBridge) {
    this.unsubscribe = engine.onMessage((m) => this.receive(m));
  }

  /** Keep a picked file's text (sent with each run) and tell subscribers it changed. */
  setFile(name: string, text: string): void {
    this.files.set(name, text);
    this.fileVersion++;
    this.store.setActive(this.store.activeId);
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** What Play/Pause should do next for the active run. */
  playState(): PlayState {
    const run = this.store.active();
    if (!run || run.detached) return 'idle';
    if (run.state === 'running' || run.state === 'starting') return 'running';
    if (run.state === 'paused' || run.state === 'ready') return 'paused';
    return 'finished';
  }

  play(graph: Graph): void {
    const run = this.store.active();
    const st = this.playState();
    if (run && st === 'paused') {
      this.store.markResumed(run.meta.id);
      this.send({ type: 'resume', runId: run.meta.id });
    }
    else if (st !== 'running') this.startRun(graph);
  }

  pause(): void {
    const run = this.store.active();
    if (run && this.playState() === 'running') this.send({ type: 'pause', runId: run.meta.id });
  }

  toggle(graph: Graph): void {
    if (this.playState() === 'running') this.pause();
    else this.play(graph);
  }

  /** Exactly one batch. With no run yet, a new run is created paused at step 0 first. */
  step(graph: Graph): void {
    const st = this.playState();
    const run = this.store.active();
    if (run && st === 'paused') {
      this.send({ type: 'step', runId: run.meta.id, batches: 1 });
    } else if (st === 'idle' || st === 'finished') {
      // The worker starts training as soon as it exists; pausing and resetting it (held until its first
      // frame) brings it back to step 0 before the one batch, and the store ignores what ran meanwhile.
      const id = this.startRun(graph);
      this.store.beginReset(id);
      this.send({ type: 'pause', runId: id });
      this.send({ type: 'reset', runId: id });
      this.send({ type: 'step', runId: id, batches: 1 });
    }
  }

  /**
   * Back to epoch 0. The same graph restarts in its worker from the same initial weights (same seed),
   * keeping the attempt so far in the history; a changed graph ends the run and the next Play uses it.
   */
  reset(graph: Graph): void {
    const run = this.store.active();
    if (!run) return;
    const alive = !run.detached && run.state !== 'stopped' && run.state !== 'error';
    if (alive && trainingFingerprint(run.meta.graph) === trainingFingerprint(graph)) {
      const n = this.store.list().filter((r) => r.meta.id.startsWith(`${run.meta.id}~`)).length + 1;
      this.store.beginReset(run.meta.id, { id: `${run.meta.id}~${n}`, name: `${run.meta.name} (before reset ${n})` });
      this.send({ type: 'reset', runId: run.meta.id });
    } else {
      if (alive) this.stop(run.meta.id);
      this.store.setActive(null);
    }
  }

  /**
   * Another document was loaded: pause its live runs (they stay in the list and can be resumed) and
   * show no run, so no chart, read-out or node badge describes the old graph.
   */
  leaveDocument(): void {
    for (const r of this.store.list()) {
      if (!r.detached && (r.state === 'running' || r.state === 'starting')) this.send({ type: 'pause', runId: r.meta.id });
    }
    this.store.setActive(null);
  }

  stop(runId?: string): void {
    const id = runId ?? this.store.activeId;
    const run = id ? this.store.get(id) : undefined;
    if (!run || run.detached || isFinished(run.state)) return;
    const target = run.meta.id;
    // Stopping ends the worker: take the weights it has first, so the stopped run can still be saved.
    let sent = false;
    const stop = () => {
      if (sent) return;
      sent = true;
      this.gate.forget(target);
      this.engine.command({ type: 'stop', runId: target });
    };
    if (run.state === 'starting') return stop();
    // A hung worker never answers: stop it anyway after a moment.
    setTimeout(stop, 1000);
    this.weights.request(target).then(stop, stop);
  }

  setSpeed(stepsPerSecond: number | null): void {
    this.speed = stepsPerSecond;
    for (const r of this.store.list()) {
      if (!r.detached && !isFinished(r.state)) this.send({ type: 'speed', runId: r.meta.id, stepsPerSecond });
    }
    this.store.setActive(this.store.activeId); // wake the speed control
  }

  /** One run per activation function, the given node swapped, all in parallel workers. */
  startVariants(graph: Graph, nodeId: string, fns: string[]): string[] {
    const label = graph.nodes.find((n) => n.id === nodeId)?.label ?? nodeId;
    const ids = fns.map((fn) => this.startRun(withActivation(graph, nodeId, fn), `${graph.name} · ${label}: ${fn}`, false));
    this.store.setActive(ids[0] ?? null);
    this.store.setCompare(ids);
    return ids;
  }

  inspect(runId: string, nodeId: string, example: number): void {
    this.send({ type: 'inspect', runId, nodeId, example });
  }

  /** Choose the example every inspect view and node preview shows, and wake them. */
  setInspectedExample(example: number): void {
    this.inspectedExample = example;
    this.store.setActive(this.store.activeId);
  }

  /**
   * A new run that starts from a weights file, paused at step 0 with those weights evaluated (the
   * read-outs show how they do). The caller checks the file against the graph first.
   */
  startFromWeights(graph: Graph, bytes: Uint8Array, fileName: string): string {
    return this.startRun(graph, `${graph.name} · weights from ${fileName}`, true, { weights: new Uint8Array(bytes), startPaused: true });
  }

  startRun(graph: Graph, name?: string, makeActive = true, extra: Pick<RunOptions, 'weights' | 'startPaused'> = {}): string {
    this.counter++;
    const id = `run-${Date.now().toString(36)}-${this.counter}`;
    const options: RunOptions = { seed: graph.training.seed, epochs: graph.training.epochs, gridSize: GRID_SIZE };
    this.store.add({ id, name: name ?? `${graph.name} #${this.counter}`, startedAt: new Date().toISOString(), graph, options }, makeActive);
    this.gate.started(id);
    // An imported model's runs start from its own weights (while they fit), not from the seed.
    const weights = extra.weights ?? documentWeightsFor(graph)?.bytes;
    this.engine.start(id, graph, { ...options, ...extra, ...(weights ? { weights: new Uint8Array(weights) } : {}), ...(this.speed !== null ? { stepsPerSecond: this.speed } : {}), files: this.filesFor(graph) });
    return id;
  }

  private filesFor(graph: Graph): Record<string, string> {
    const path = graph.training.dataset.path;
    if (typeof path !== 'string' || !this.files.has(path)) return {};
    return { [path]: this.files.get(path)! };
  }

  private send(cmd: RunCommand): void {
    if (this.gate.pass(cmd)) this.engine.command(cmd);
  }

  private receive(m: EngineMessage): void {
    if (m.type === 'frame') {
      for (const cmd of this.gate.opened(m.runId)) this.engine.command(cmd);
      const before = this.store.get(m.runId)?.state;
      this.store.applyFrame(m);
      // A run that has just finished or paused: keep the weights it has now, for Save and Export.
      if ((m.state === 'done' || m.state === 'paused') && before !== m.state && this.store.get(m.runId)) {
        this.weights.request(m.runId).catch(() => undefined);
      }
      if (m.state === 'error' || m.state === 'stopped') this.weights.fail(m.runId, `the run is ${m.state}`);
      if (isFinished(m.state)) this.gate.forget(m.runId);
    } else if (m.type === 'inspect') {
      this.store.applyInspect(m);
    } else if (m.type === 'featureMaps' || m.type === 'hiddenState') {
      this.store.applyNodeInspection(m);
    } else if (m.type === 'weights') {
      this.weights.receive(m);
    } else if (m.type === 'fatal') {
      this.notice = m.message;
      const run: RunData | undefined = m.runId ? this.store.get(m.runId) : undefined;
      // A run whose worker is gone (a finished run evicted to make room) cannot reset: let Play start anew.
      if (run?.awaitingReset) {
        this.store.fail(run.meta.id, m.message);
        if (this.store.activeId === run.meta.id) this.store.setActive(null);
      } else {
        this.store.setActive(this.store.activeId); // wake subscribers so the notice shows
      }
    }
  }
}
