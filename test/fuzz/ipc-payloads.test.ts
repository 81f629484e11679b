import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE_PROTOCOL_VERSION, type EngineFrame, type EngineMessage } from '../../core/protocol/engine';
import { RunWorker } from '../../core/worker/run-worker';
import { EngineHost } from '../../electron/engine-host/engine-host';
import { INVOKE_CHANNELS, IPC_CONTRACT } from '../../electron/ipc-contract';
import { IpcRejection, registerIpcHandlers, type InvokeHandlers } from '../../electron/main/ipc';
import { createWebWorkerEngine, type WorkerLike } from '../../renderer/engine/web-worker-engine';
import { useTempDirs } from '../electron/temp-dir';

/*
 * Payloads crossing a process boundary, property-based: renderer → main IPC arguments, commands into a
 * training worker, and messages out of one. Anything malformed is refused with a message; no handler
 * ever sees arguments its schema did not accept, and nothing throws past the boundary.
 */
const anyArgs = fc.array(fc.oneof(fc.anything(), fc.string(), fc.record({ suggestedName: fc.string(), text: fc.anything(), saveAs: fc.anything(), path: fc.anything() })), { maxLength: 4 });

describe('IPC arguments (renderer → main)', () => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const calls: { channel: string; args: unknown[] }[] = [];
  const stub = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, (...args: unknown[]) => void calls.push({ channel: c, args })])) as unknown as InvokeHandlers;
  registerIpcHandlers({ handle: (c, l) => handlers.set(c, l as never), removeHandler: () => undefined }, stub, () => true);

  it('every channel refuses what its schema refuses, naming the channel, and passes only valid arguments on', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INVOKE_CHANNELS), anyArgs, (channel, args) => {
        calls.length = 0;
        const valid = args.length === IPC_CONTRACT[channel].args.def.items.length && IPC_CONTRACT[channel].args.safeParse(args).success;
        try {
          handlers.get(channel)!({ sender: {}, senderFrame: { url: 'netloom://app/' } }, ...args);
          expect(valid).toBe(true);
          expect(calls).toHaveLength(1);
          expect(IPC_CONTRACT[channel].args.safeParse(calls[0]!.args).success).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(IpcRejection);
          expect((e as Error).message).toContain(`'${channel}'`);
          expect(valid).toBe(false);
          expect(calls).toHaveLength(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('strings over the size limit are refused before a handler sees them', () => {
    expect(() => handlers.get('recovery:write')!({}, 'x'.repeat(64 * 1024 * 1024 + 1))).toThrow(/recovery:write.*args\[0\]/);
  });
});

describe('commands into a training worker', () => {
  it('anything posted to a RunWorker is answered (fatal) or acted on, never thrown', () => {
    const sent: EngineMessage[] = [];
    const worker = new RunWorker({ post: (env) => void sent.push(env.message) }, () => ({
      readText: async () => '',
      mnistDigits: async () => [],
    }));
    const command = fc.oneof(
      fc.anything(),
      fc.record({ protocol: fc.oneof(fc.constant(ENGINE_PROTOCOL_VERSION), fc.anything()), command: fc.anything() }),
      fc.record({
        protocol: fc.constant(ENGINE_PROTOCOL_VERSION),
        command: fc.record({ type: fc.constantFrom('pause', 'resume', 'step', 'stop', 'reset', 'inspect', 'bogus'), runId: fc.string(), batches: fc.anything() }),
      }),
    );
    fc.assert(
      fc.property(command, (raw) => {
        const before = sent.length;
        expect(() => worker.handle(raw)).not.toThrow();
        return sent.length >= before;
      }),
      { numRuns: 500 },
    );
    expect(sent.some((m) => m.type === 'fatal' && /invalid engine command|no run/.test(m.message))).toBe(true);
  });
});

describe('messages out of a training worker', () => {
  it('browser mode: garbage from a Web Worker ends only that run, with an error frame', () => {
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        let onMessage: ((e: Event) => void) | null = null;
        const fake: WorkerLike = {
          postMessage: () => undefined,
          terminate: () => undefined,
          addEventListener: (type, l) => {
            if (type === 'message') onMessage = l;
          },
        };
        const engine = createWebWorkerEngine({ createWorker: () => fake });
        const frames: EngineFrame[] = [];
        engine.onMessage((m) => {
          if (m.type === 'frame') frames.push(m);
        });
        engine.start('r', {}, {});
        expect(() => onMessage!({ data: garbage } as MessageEvent)).not.toThrow();
        expect(frames.at(-1)).toMatchObject({ state: 'error', error: { message: expect.stringMatching(/invalid message/) } });
        expect(engine.activeRuns()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  const tempDir = useTempDirs();
  const hosts: EngineHost[] = [];
  afterAll(() => Promise.all(hosts.map((h) => h.dispose())));

  it('desktop: a worker thread that sends garbage ends its run with an error, and the next run works', async () => {
    const dir = await tempDir();
    const liar = join(dir, 'liar.mjs');
    writeFileSync(liar, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => parentPort.postMessage({ protocol: 1, message: { type: 'frame', runId: 42 } }));\n`);
    const host = new EngineHost({ workerUrl: pathToFileURL(liar) });
    hosts.push(host);
    const frames: EngineFrame[] = [];
    host.onMessage((m) => {
      if (m.type === 'frame') frames.push(m);
    });
    host.start('bad', {}, {});
    await expect.poll(() => frames.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(frames[0]).toMatchObject({ runId: 'bad', state: 'error', error: { message: expect.stringMatching(/sent an invalid message/) } });
    expect(host.activeRuns()).toEqual([]);
  });
});
