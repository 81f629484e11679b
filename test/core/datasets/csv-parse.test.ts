import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../../core/datasets/csv-parse';

describe('parseCsvRecords', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    const recs = parseCsvRecords('a,b\n"x, y","say ""hi"""\n"two\nlines",3\n4,5');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '3'], ['4', '5']]);
    // Rows are the line a record starts on, so the record after a two-line cell is on line 5.
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3, 5]);
  });

  it('accepts CRLF, a BOM, blank lines and empty cells', () => {
    const recs = parseCsvRecords('\uFEFFa,b\r\n1,\r\n\r\n,2\r\n\r\n\n');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b'], ['1', ''], ['', '2']]);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('keeps a CR that is not part of CRLF inside the cell', () => {
    expect(parseCsvRecords('a\rb,c')[0]!.cells).toEqual(['a\rb', 'c']);
  });

  it('reports an unclosed quote and text after a closing quote by row', () => {
    expect(() => parseCsvRecords('a,b\n1,"oops\n2,3')).toThrow('row 2: a quoted cell is never closed');
    expect(() => parseCsvRecords('a,b\n"1"x,2')).toThrow('row 2, cell 1: unexpected "x" after a closing quote');
  });
});

describe('parseCsv', () => {
  it('splits off a trimmed header', () => {
    const t = parseCsv(' a , b\n1,2\n3,4\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.records.map((r) => r.row)).toEqual([2, 3]);
  });

  it('names ragged rows with their row number and both counts', () => {
    expect(() => parseCsv('a,b,c,d\n1,2,3,4\n1,2,3,4\n\n1,2,3,4\n1,2,3,4\n1,2,3\n')).toThrow('row 7 has 3 cells, header has 4');
    expect(() => parseCsv('a,b\n1\n')).toThrow('row 2 has 1 cell, header has 2');
  });

  it('rejects empty files, header-only files, and bad headers', () => {
    expect(() => parseCsv('')).toThrow('the CSV file is empty');
    expect(() => parseCsv('\n \r\n')).toThrow('the CSV file is empty');
    expect(() => parseCsv('a,b\n')).toThrow('the CSV file has a header but no data rows');
    expect(() => parseCsv('a,,c\n1,2,3')).toThrow('row 1: header cell 2 is empty');
    expect(() => parseCsv('a,b,a\n1,2,3')).toThrow('row 1: column "a" appears twice in the header');
  });
});
