/**
 * Chart and readout draws, one per task. Every chart subscribes to the same run store, so after a
 * frame they all become due together; drawn in one animation-frame callback they made one long
 * main-thread task (loss chart + gradient chart + heatmap + readouts: 50–400 ms on a loaded 2-core
 * machine). Queued here, each draw is its own task, so input and the next frame can run between them.
 */
const queue: (() => void)[] = [];
let pumping = false;
const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();

function pump(): void {
  const draw = queue.shift();
  if (draw) draw();
  if (queue.length > 0) post();
  else pumping = false;
}

function post(): void {
  if (channel) channel.port2.postMessage(0);
  else setTimeout(pump, 0);
}

if (channel) channel.port1.onmessage = pump;

/** Run `draw` in a task of its own, after the draws already queued. */
export function enqueueDraw(draw: () => void): void {
  queue.push(draw);
  if (!pumping) {
    pumping = true;
    post();
  }
}

/** Drop a queued draw (a chart unmounting). */
export function cancelDraw(draw: () => void): void {
  const i = queue.indexOf(draw);
  if (i >= 0) queue.splice(i, 1);
}
