import type { HostBridge } from '../../core/protocol/host';
import { parseRunsText, runsPathFor, serializeRuns } from '../../core/runs/runs-file';
import type { TrainingController } from './controller';
import { fromRunRecord, toRunRecord } from './run-records';

/** `XOR.json` → `XOR.runs.json`, the name the history is saved under next to the graph. */
export function runsFileName(graphName: string): string {
  return runsPathFor(graphName.replace(/^.*[\\/]/, ''));
}

/** Save every run next to the graph (desktop) or as a download (browser). */
export async function saveRuns(c: TrainingController, bridge: HostBridge, file: { name: string; path?: string }): Promise<string> {
  const runs = c.store.list();
  if (runs.length === 0) return 'No runs to save yet.';
  const text = serializeRuns(runs.map(toRunRecord));
  if (bridge.saveRuns && file.path !== undefined) {
    const ok = await bridge.saveRuns(file.path, text);
    return ok ? `Saved ${runs.length} runs to ${runsPathFor(file.path)}` : 'Saving the runs failed.';
  }
  const name = runsFileName(file.name);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `Downloaded ${runs.length} runs as ${name}`;
}

/** Add the runs in a saved history to the list (ids already present are skipped). */
export function openRunsText(c: TrainingController, text: string): string {
  const parsed = parseRunsText(text);
  if (!parsed.ok) return `Could not open the runs: ${parsed.message}`;
  let added = 0;
  for (const rec of parsed.runs) {
    if (c.store.get(rec.id)) continue;
    c.store.addDetached(fromRunRecord(rec, c.store.limits));
    added++;
  }
  return `Opened ${added} run${added === 1 ? '' : 's'}`;
}

/** Desktop: the history saved next to the open graph, if there is one. */
export async function readSavedRuns(c: TrainingController, bridge: HostBridge, path: string | undefined): Promise<string> {
  if (!bridge.readRuns || path === undefined) return 'Save the graph first, or open a runs file.';
  const text = await bridge.readRuns(path);
  return text === null ? 'No saved runs next to this graph.' : openRunsText(c, text);
}
