import { EngineMessageEnvelope, ENGINE_PROTOCOL_VERSION, type EngineCommand, type EngineMessage } from '../../../core/protocol/engine';
import { RunWorker } from '../../../core/worker/run-worker';
import { memoryResources } from '../datasets/memory-resources';

/** A RunWorker over an in-memory port: every message it posts is validated and kept. */
export function workerUnderTest() {
  const messages: EngineMessage[] = [];
  const worker = new RunWorker({
    post(envelope) {
      const parsed = EngineMessageEnvelope.safeParse(envelope);
      if (!parsed.success) throw new Error(`worker posted an invalid message: ${parsed.error.message}`);
      messages.push(envelope.message);
    },
  }, (files) => memoryResources(files));
  const send = (command: EngineCommand | Record<string, unknown>) => worker.handle({ protocol: ENGINE_PROTOCOL_VERSION, command });
  /** Resolve once a message matching `pred` has arrived (polling the event loop, no fixed sleeps). */
  const until = async <T extends EngineMessage>(pred: (m: EngineMessage) => m is T, timeoutMs = 20_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = messages.find(pred);
      if (m) return m;
      if (Date.now() > end) throw new Error(`no such message; got ${messages.map((x) => x.type + ('state' in x ? `:${x.state}` : '')).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { worker, messages, send, until };
}
