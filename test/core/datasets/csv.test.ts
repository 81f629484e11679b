import { describe, expect, it } from 'vitest';
import { csvDataset, DatasetNeedsFileError, describeCsvText } from '../../../core/datasets/csv';
import { describeDataset } from '../../../core/datasets/index';
import type { LoadedDataset } from '../../../core/datasets/types';
import { memoryResources } from './memory-resources';

const IRIS = [
  'sepal,petal,"species"',
  '5.1,1.4,setosa',
  '7.0,4.7,versicolor',
  '6.3,6.0,virginica',
  '4.9,1.4,setosa',
  '"6.4",4.5,versicolor',
  '',
].join('\r\n');

const files = {
  'iris.csv': IRIS,
  'binary.csv': 'x,y,label\n1,2,1\n3,4,0\n5,6,1\n',
  'numbered.csv': 'x,label\n1,10\n2,2\n3,10\n4,9\n',
  'houses.csv': 'rooms,age,price,id\n3,10,200.5,a\n4,5,310,b\n2,50,99,c\n',
  'bad-cell.csv': 'rooms,age\n1,2\n' + '3,4\n'.repeat(9) + '5,abc\n',
  'ragged.csv': 'a,b,c,d\n1,2,3,4\n1,2,3\n',
  'one-class.csv': 'x,y\n1,a\n2,a\n',
  'empty.csv': '',
};
const res = memoryResources(files);

/** Rows of both splits as [inputs…, target], sorted, so tests do not depend on the shuffle. */
function allRows(d: LoadedDataset): number[][] {
  const size = d.info.inputShape[0]!;
  const rows: number[][] = [];
  for (const s of [d.train, d.validation]) {
    for (let i = 0; i < s.count; i++) rows.push([...s.inputs.subarray(i * size, (i + 1) * size), s.targets[i]!]);
  }
  return rows.sort((a, b) => a[0]! - b[0]!);
}

describe('csv', () => {
  it('reads numeric features and maps text labels to classes in sorted order', async () => {
    const d = await csvDataset.load({ path: 'iris.csv', target: 'species', validationSplit: 0 }, 1, res);
    expect(d.info).toEqual({ inputShape: [2], target: { kind: 'classes', classes: 3 }, featureNames: ['sepal', 'petal'] });
    expect(allRows(d).map((r) => r.map((v) => Math.round(v * 10) / 10))).toEqual([
      [4.9, 1.4, 0],
      [5.1, 1.4, 0],
      [6.3, 6, 2],
      [6.4, 4.5, 1],
      [7, 4.7, 1],
    ]);
  });

  it('uses the last column as target when none is given, and 0/1 labels as a binary target', async () => {
    const d = await csvDataset.load({ path: 'binary.csv' }, 1, res);
    expect(d.info.target).toEqual({ kind: 'binary' });
    expect(d.info.featureNames).toEqual(['x', 'y']);
    expect(allRows(d)).toEqual([[1, 2, 1], [3, 4, 0], [5, 6, 1]]);
  });

  it('sorts numeric labels as numbers, so 2 < 9 < 10', async () => {
    const d = await csvDataset.load({ path: 'numbered.csv', validationSplit: 0 }, 1, res);
    expect(allRows(d).map((r) => r[1])).toEqual([2, 0, 2, 1]);
  });

  it('reads a regression target and only the listed features', async () => {
    const d = await csvDataset.load({ path: 'houses.csv', features: 'age, rooms', target: 'price', task: 'regression', validationSplit: 0 }, 1, res);
    expect(d.info).toEqual({ inputShape: [2], target: { kind: 'regression', size: 1 }, featureNames: ['age', 'rooms'] });
    expect(allRows(d)).toEqual([[5, 4, 310], [10, 3, 200.5], [50, 2, 99]]);
  });

  it('splits and shuffles deterministically per seed', async () => {
    const a = await csvDataset.load({ path: 'iris.csv', validationSplit: 0.4 }, 1, res);
    const b = await csvDataset.load({ path: 'iris.csv', validationSplit: 0.4 }, 1, res);
    expect(a.validation.count).toBe(2);
    expect(a.train.count).toBe(3);
    expect(b).toEqual(a);
  });

  it('names the row and column of a cell that is not a number', async () => {
    await expect(csvDataset.load({ path: 'bad-cell.csv', target: 'rooms' }, 1, res)).rejects.toThrow('bad-cell.csv: row 12, column "age": "abc" is not a number');
    await expect(csvDataset.load({ path: 'houses.csv', target: 'price', task: 'regression' }, 1, res)).rejects.toThrow(
      'row 2, column "id": "a" is not a number',
    );
  });

  it('names ragged rows, missing columns, one-class targets and empty files', async () => {
    await expect(csvDataset.load({ path: 'ragged.csv' }, 1, res)).rejects.toThrow('ragged.csv: row 3 has 3 cells, header has 4');
    await expect(csvDataset.load({ path: 'houses.csv', target: 'cost' }, 1, res)).rejects.toThrow(
      'target: column "cost" not in the header (columns: rooms, age, price, id)',
    );
    await expect(csvDataset.load({ path: 'houses.csv', features: 'rooms,size', target: 'price', task: 'regression' }, 1, res)).rejects.toThrow(
      'features: column "size" not in the header',
    );
    await expect(csvDataset.load({ path: 'houses.csv', features: 'rooms,price', target: 'price' }, 1, res)).rejects.toThrow(
      'features: includes the target column "price"',
    );
    await expect(csvDataset.load({ path: 'one-class.csv' }, 1, res)).rejects.toThrow('column "y" has only one value ("a")');
    await expect(csvDataset.load({ path: 'empty.csv' }, 1, res)).rejects.toThrow('empty.csv: the CSV file is empty');
    await expect(csvDataset.load({ path: 'missing.csv' }, 1, res)).rejects.toThrow('no such file "missing.csv"');
    await expect(csvDataset.load({}, 1, res)).rejects.toThrow('path: must not be empty');
  });

  it('cannot describe without the file, but describeCsvText and describeDataset can', async () => {
    expect(() => csvDataset.describe({ path: 'iris.csv' })).toThrow(DatasetNeedsFileError);
    expect(() => csvDataset.describe({ path: 'iris.csv' })).toThrow('shape depends on the file "iris.csv"');
    expect(describeCsvText(IRIS, { path: 'iris.csv', features: 'petal' })).toEqual({
      inputShape: [1],
      target: { kind: 'classes', classes: 3 },
      featureNames: ['petal'],
    });
    expect(await describeDataset('csv', { path: 'binary.csv' }, res)).toEqual({
      inputShape: [2],
      target: { kind: 'binary' },
      featureNames: ['x', 'y'],
    });
  });
});
