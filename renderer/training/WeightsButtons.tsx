import { useRef } from 'react';
import type { Graph } from '../../core/graph/schema';
import type { HostBridge } from '../../core/protocol/host';
import type { TrainingController } from './controller';
import { loadWeights, saveWeights } from './weights-actions';

interface Props {
  controller: TrainingController;
  bridge: HostBridge;
  graph: Graph;
  /** Show the outcome (saved as…, loaded…, or why not). */
  say: (p: Promise<string> | string) => void;
}

/** Save weights… / Load weights…: safetensors files, the same as the CLI's --save-weights / --load-weights. */
export function WeightsButtons({ controller: c, bridge, graph, say }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="nl-tr-inline">
      <button type="button" className="nl-tr-btn" data-testid="weights-save" title="Save the selected run's weights (or the initial ones) as a safetensors file" onClick={() => say(saveWeights(c, bridge, graph))}>
        Save weights…
      </button>
      <button type="button" className="nl-tr-btn" data-testid="weights-load" title="Start a run from a safetensors weights file (netloom train --save-weights writes them)" onClick={() => input.current?.click()}>
        Load weights…
      </button>
      <input
        ref={input}
        type="file"
        accept=".safetensors,application/octet-stream"
        hidden
        aria-label="Weights file"
        data-testid="weights-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          const bytes = new Uint8Array(await f.arrayBuffer());
          try {
            say(loadWeights(c, graph, bytes, f.name));
          } catch (err) {
            say(Promise.reject(err as Error));
          }
        }}
      />
    </div>
  );
}
