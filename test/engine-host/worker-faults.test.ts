import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineFrame } from '../../core/protocol/engine';
import { EngineHost } from '../../electron/engine-host/engine-host';
import { useTempDirs } from '../electron/temp-dir';
import { loadExample } from '../helpers/examples';

/*
 * A training worker that dies — out of memory, or exiting — ends only its own run, with a frame that
 * says what happened; the host keeps serving and the next run trains to the end.
 */
const DEV_WORKER = new URL('../../electron/engine-host/worker-dev.mjs', import.meta.url);
const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});
const tempDir = useTempDirs();

function watch(host: EngineHost) {
  hosts.push(host);
  const frames: EngineFrame[] = [];
  host.onMessage((m) => {
    if (m.type === 'frame') frames.push(m);
  });
  const of = (runId: string) => frames.filter((f) => f.runId === runId);
  const end = (runId: string) =>
    expect.poll(() => of(runId).some((f) => f.done || f.state === 'error' || f.state === 'stopped'), { timeout: 90_000, interval: 50 }).toBe(true);
  return { of, end };
}

describe('a worker that dies', () => {
  it('out of memory: the run ends with advice, and the next run on the same host trains', async () => {
    // A heap far too small for the ~50 MB of MNIST digit JSON: the worker hits V8's limit for real.
    const host = new EngineHost({ workerUrl: DEV_WORKER, resourceLimits: { maxOldGenerationSizeMb: 24 } });
    const { of, end } = watch(host);
    host.start('big', loadExample('mnist-mlp'), { epochs: 1 });
    await end('big');
    expect(of('big').at(-1)).toMatchObject({ state: 'error', error: { message: expect.stringMatching(/ran out of memory; try a smaller batch size/) } });
    expect(host.activeRuns()).toEqual([]);

    host.start('small', loadExample('xor-mlp'), { epochs: 2 });
    await end('small');
    expect(of('small').at(-1)).toMatchObject({ state: 'done', epoch: 2 });
  }, 120_000);

  it('exits mid-run: the run says the worker exited, with its code, and the host serves the next run', async () => {
    const dir = await tempDir();
    const quitter = join(dir, 'quitter.mjs');
    writeFileSync(quitter, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => setTimeout(() => process.exit(3), 20));\n`);
    const host = new EngineHost({ workerUrl: pathToFileURL(quitter) });
    const { of, end } = watch(host);
    host.start('gone', {}, {});
    await end('gone');
    expect(of('gone').at(-1)).toMatchObject({ state: 'error', error: { message: 'the training worker exited unexpectedly (code 3)' } });
    expect(host.activeRuns()).toEqual([]);

    const healthy = new EngineHost({ workerUrl: DEV_WORKER });
    const next = watch(healthy);
    healthy.start('after', loadExample('xor-mlp'), { epochs: 1 });
    await next.end('after');
    expect(next.of('after').at(-1)).toMatchObject({ state: 'done' });
  }, 60_000);
});
