import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** Decodes a registrar export: UTF-8 (with or without BOM), else GB18030 as Chinese spreadsheet software writes it. */
export function decodeSpreadsheetText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface CsvRecord {
  /** The line the record starts on (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

/** A file that is not CSV from a given line on: a quoted cell left open, say. Nothing after it can be read. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: 'quote_not_closed' | 'csv_syntax',
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Fed to the parser in pieces, as a file read from disk would be. */
const CHUNK = 64 * 1024;

function* pieces(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
}

const lineBreaks = (cells: readonly string[]) => cells.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/**
 * RFC 4180 records, streamed by csv-parse: quoted cells may hold commas, quotes ("") and line
 * breaks. Lines may end in CRLF, LF or CR; rows may have fewer or more cells than the heading
 * (the caller reports missing fields); a quote inside an unquoted cell is kept as a character,
 * as spreadsheets write it. Records whose cells are all blank are skipped, their lines counted.
 */
export async function* csvRecords(text: string): AsyncGenerator<CsvRecord> {
  // Lines are counted as the parser makes records, before they queue up in the stream, so an error knows where it stopped.
  let line = 1;
  const starts: number[] = [];
  const parser = Readable.from(pieces(text), { objectMode: false }).pipe(
    parse({
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: false,
      on_record: (cells: string[]) => {
        const start = line;
        line += 1 + lineBreaks(cells);
        if (cells.every((c) => c.trim() === '')) return null;
        starts.push(start);
        return cells;
      },
    }),
  );
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { line: starts.shift()!, cells };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // The record that could not be read starts on `line`.
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(line, 'quote_not_closed', `line ${line}: a quoted cell is never closed`);
    throw new CsvSyntaxError(line, 'csv_syntax', `line ${line}: ${err.message}`);
  } finally {
    parser.destroy();
  }
}

/** Every record of the text, for imports that report progress against the total. */
export async function readCsv(text: string): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of csvRecords(text)) records.push(record);
  return records;
}

/** An import's view: the records, or the report line telling where the file stops being CSV (field `file`). */
export async function readImportCsv(
  text: string,
): Promise<{ records: CsvRecord[]; rejected: null } | { records: null; rejected: { line: number; fields: { field: string; reason: string }[] } }> {
  try {
    return { records: await readCsv(text), rejected: null };
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { records: null, rejected: { line: err.line, fields: [{ field: 'file', reason: err.reason }] } };
  }
}
