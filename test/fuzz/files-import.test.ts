import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvData } from '../../core/datasets/csv-table';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../../core/weights/safetensors';

/*
 * CSV and safetensors files, property-based: never a crash (a TypeError, RangeError or a hang), always
 * an Error whose message says what is wrong, naming the row/column or tensor where there is one.
 */
const MESSAGE = /\S{3,}/;

/** An expected refusal: a plain Error (or our own subclass) with words, never a JavaScript fault. */
function expectRefusal(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e).not.toBeInstanceOf(RangeError);
    expect((e as Error).message).toMatch(MESSAGE);
  }
}

const tasks = fc.constantFrom('classification' as const, 'regression' as const);
const load = (text: string, task: 'classification' | 'regression', target = '', features = '') => csvData(text, { features, target, task });

describe('CSV import fuzzing', () => {
  it('any text: loads or says why', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), tasks, (s, task) => expectRefusal(() => load(s, task))), { numRuns: 400 });
  });

  it('ragged tables (rows of random lengths) name the row that does not fit', () => {
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.constantFrom('a', 'b', '', '"q,uoted"', 'NaN', '1e999'));
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(table, tasks, (rows, task) => {
        const text = ['x1,x2,y', ...rows.map((r) => r.join(','))].join('\n');
        try {
          const data = load(text, task);
          expect(data.rows.count).toBeGreaterThan(0);
        } catch (e) {
          expect(e).not.toBeInstanceOf(TypeError);
          expect((e as Error).message).toMatch(/row \d+|column|header|no data rows|label|number|target|features/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('binary data and the wrong encoding (UTF-16, Latin-1 read as UTF-8) are refused with a message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 500 }), tasks, (bytes, task) => {
        expectRefusal(() => load(new TextDecoder('utf-8').decode(bytes), task));
      }),
      { numRuns: 200 },
    );
    const utf16 = new TextDecoder('utf-8').decode(new Uint8Array([...'a,b\n1,2\n3,4\n'].flatMap((c) => [c.charCodeAt(0), 0])));
    expectRefusal(() => load(utf16, 'regression'));
    const latin1 = new TextDecoder('utf-8').decode(new Uint8Array([0x78, 0x2c, 0xe9, 0x0a, 0x31, 0x2c, 0x32, 0x0a]));
    expect(() => load(latin1, 'regression')).not.toThrow(TypeError);
  });

  it('a huge file (200,000 rows) loads without hanging', () => {
    const lines = ['a,b,label'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i % 97},${(i * 7) % 13},${i % 3 === 0 ? 'yes' : 'no'}`);
    const data = load(lines.join('\n'), 'classification');
    expect(data.rows.count).toBe(200_000);
  });

  it('an unclosed quote in a long file is reported, not looped on', () => {
    expect(() => load(`a,b\n"1,2\n${'3,4\n'.repeat(10_000)}`, 'regression')).toThrow(/row 2: a quoted cell is never closed/);
  });
});

describe('safetensors fuzzing', () => {
  const valid = encodeSafetensors([{ name: 'd1.weight', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }], { format: 'netloom' });

  function expectSafetensorsRefusal(bytes: Uint8Array): void {
    try {
      decodeSafetensors(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(SafetensorsError);
      expect((e as Error).message).toMatch(/safetensors|tensor|header|metadata/);
    }
  }

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => expectSafetensorsRefusal(b)), { numRuns: 400 });
  });

  it('a valid file with random bytes flipped, or cut short', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(), (flips, cut) => {
        const b = valid.slice();
        for (const [at, v] of flips) b[at % b.length] = v;
        expectSafetensorsRefusal(b);
        expectSafetensorsRefusal(valid.slice(0, cut % valid.length));
      }),
      { numRuns: 400 },
    );
  });

  it('hostile headers: any JSON in place of the header', () => {
    const withHeader = (header: string) => {
      const h = new TextEncoder().encode(header);
      const out = new Uint8Array(8 + h.length + 24);
      new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
      out.set(h, 8);
      return out;
    };
    const entry = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ dtype: fc.constantFrom('F32', 'F16', 7), shape: fc.jsonValue({ maxDepth: 1 }), data_offsets: fc.jsonValue({ maxDepth: 1 }) }),
      fc.record({ dtype: fc.constant('F32'), shape: fc.array(fc.integer({ min: -2, max: 2 ** 31 }), { maxLength: 3 }), data_offsets: fc.tuple(fc.double(), fc.double()) }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('w', '__metadata__', '__proto__', 'b'), entry)), (header) => {
        expectSafetensorsRefusal(withHeader(JSON.stringify(header)));
      }),
      { numRuns: 400 },
    );
  });

  it('a header length beyond 2^53 or the file size is refused', () => {
    const b = valid.slice();
    new DataView(b.buffer).setBigUint64(0, 2n ** 63n, true);
    expect(() => decodeSafetensors(b)).toThrow(/header length .* exceeds the file size/);
  });
});
