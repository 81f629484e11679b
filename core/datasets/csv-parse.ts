/**
 * A small RFC 4180 reader: comma-separated, `"` quotes fields, `""` is a literal quote inside a quoted
 * field, quoted fields may hold commas and line breaks. LF and CRLF both end records; a leading BOM is
 * dropped; blank lines are skipped. Every record keeps the line it starts on, so errors can point a
 * user at the place they see in a text editor or spreadsheet (the header is row 1).
 */
export interface CsvRecord {
  /** 1-based line the record starts on. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (src[i] === '"' && cell === '') {
        // Quoted field: runs to the next lone quote, across commas and line breaks.
        i++;
        for (;;) {
          if (i >= src.length) throw new Error(`row ${startLine}: a quoted cell is never closed`);
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && src[i + 1] === '\n')) {
          throw new Error(`row ${startLine}, cell ${cells.length + 1}: unexpected ${JSON.stringify(next)} after a closing quote`);
        }
      }
      const c = src[i];
      if (c === undefined) {
        endOfRecord = true;
      } else if (c === ',') {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      } else if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
        i += c === '\r' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        cell += c;
        i++;
        continue;
      }
      cells.push(cell);
    }
    const blank = cells.length === 1 && cells[0]!.trim() === '';
    if (!blank) records.push({ row: startLine, cells });
  }
  return records;
}

/** Split off the header row and check every record has as many cells as it. */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new Error('the CSV file is empty');
  const header = records[0]!.cells.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((name, c) => {
    if (name === '') throw new Error(`row ${records[0]!.row}: header cell ${c + 1} is empty; every column needs a name`);
    if (seen.has(name)) throw new Error(`row ${records[0]!.row}: column "${name}" appears twice in the header`);
    seen.add(name);
  });
  const body = records.slice(1);
  if (body.length === 0) throw new Error('the CSV file has a header but no data rows');
  for (const r of body) {
    if (r.cells.length !== header.length) {
      throw new Error(`row ${r.row} has ${r.cells.length} ${r.cells.length === 1 ? 'cell' : 'cells'}, header has ${header.length}`);
    }
  }
  return { header, records: body };
}
