import { predictOpen } from './predict-store';

/** Opens Predict: the graph in evaluation mode on inputs of your choice (no Loss needed). */
export function PredictButton() {
  return (
    <button type="button" className="nl-tr-btn" data-testid="predict-open" title="Run the graph on examples or a .npy file and show its outputs (no training)"
      onClick={() => predictOpen.set(true)}>
      Predict…
    </button>
  );
}
