import { useState } from 'react';
import { useStoreKey, useTrainingController } from '../training/hooks';
import { softmaxWithTemperature } from './softmax';

/** Scores to play with before any run has sent real ones: the question's 2, 1, 0. */
const DEMO = { classes: 3, labels: [0], values: [2, 1, 0] };

const ids = new WeakMap<object, number>();
let next = 1;
function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = next++));
  return id;
}

/**
 * One example's scores (the inputs to the output softmax) and the probabilities softmax makes of them
 * at a chosen temperature, as bars. Live: each frame after an epoch brings the current scores of the
 * first validation rows.
 */
export function SoftmaxView() {
  const c = useTrainingController();
  const [temperature, setTemperature] = useState(1);
  const [example, setExample] = useState(0);
  // Re-render when a new scores object arrives, not on every frame.
  useStoreKey(c, () => idOf(c.store.active()?.scores));
  const live = c.store.active()?.scores;
  const data = live ?? DEMO;
  const rows = data.values.length / data.classes;
  const row = Math.min(example, rows - 1);
  const scores = Array.from(data.values.slice(row * data.classes, (row + 1) * data.classes));
  const probs = softmaxWithTemperature(scores, temperature);
  const maxAbs = Math.max(1e-6, ...scores.map(Math.abs));
  return (
    <section className="nl-lesson-box nl-softmax" data-testid="softmax-view" data-live={live !== undefined}>
      <h4>Scores → probabilities</h4>
      <p className="nl-muted">
        {live ? <>Validation example {row + 1}, true class <strong>{data.labels[row]}</strong>. </> : 'Example scores (train to see the network’s own). '}
        Temperature divides every score before softmax.
      </p>
      <div className="nl-softmax-controls">
        {live && rows > 1 && (
          <label>Example{' '}
            <select data-testid="softmax-example" value={row} onChange={(e) => setExample(Number(e.target.value))}>
              {Array.from({ length: rows }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
          </label>
        )}
        <label>Temperature{' '}
          <input
            type="range" min={0.1} max={5} step={0.1} value={temperature} data-testid="softmax-temperature"
            aria-valuetext={temperature.toFixed(1)} onChange={(e) => setTemperature(Number(e.target.value))}
          />
          <output data-testid="softmax-temperature-value"> {temperature.toFixed(1)}</output>
        </label>
      </div>
      <table className="nl-softmax-bars">
        <thead><tr><th>class</th><th>score</th><th>probability</th></tr></thead>
        <tbody>
          {scores.map((s, k) => (
            <tr key={k} className={live && data.labels[row] === k ? 'truth' : ''}>
              <th scope="row">{k}</th>
              <td>
                <span className="nl-bar score" style={{ width: `${(Math.abs(s) / maxAbs) * 100}%` }} data-negative={s < 0} />
                <span className="nl-bar-value" data-testid={`softmax-score-${k}`} data-value={s}>{s.toFixed(2)}</span>
              </td>
              <td>
                <span className="nl-bar prob" style={{ width: `${probs[k]! * 100}%` }} />
                <span className="nl-bar-value" data-testid={`softmax-prob-${k}`} data-value={probs[k]}>{probs[k]!.toFixed(3)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
