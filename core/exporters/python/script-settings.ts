import type { TrainingConfig } from '../../graph/schema';
import type { pythonExportNames } from './file-names';

/**
 * The lines every generated Python script (PyTorch, Keras) has after its imports: where its data and
 * weights files are (beside the script), then the graph's training settings as a dict the script's
 * command-line options override. `note` is the comment above the dict.
 */
export function scriptFilesAndTraining(files: ReturnType<typeof pythonExportNames>, t: TrainingConfig, note: readonly string[]): string[] {
  return [
    'HERE = Path(__file__).resolve().parent',
    `DATA_FILE = HERE / "${files.data}"`,
    `WEIGHTS_FILE = HERE / "${files.weights}"`,
    '',
    ...note,
    'TRAINING = {',
    `    "epochs": ${t.epochs},`,
    `    "batch_size": ${t.batchSize},`,
    `    "lr": ${t.optimizer.lr},`,
    `    "seed": ${t.seed},`,
    `    "shuffle": ${t.shuffle === false ? 'False' : 'True'},`,
    '}',
  ];
}
