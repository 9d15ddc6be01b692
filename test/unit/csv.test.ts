import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvRecords, decodeSpreadsheetText, readCsv, readImportCsv } from '../../src/main/accounts/csv';

const fixture = (name: string) => fs.readFileSync(`test/fixtures/${name}`);

describe('CSV records (csv-parse, RFC 4180)', () => {
  it('reads quoted commas, doubled quotes and line breaks, numbering each record by the line it starts on', async () => {
    const text = 'name,department\n"Smith, John","School of ""Design"""\n"two\nline",x\n\nlast,row\n';
    expect(await readCsv(text)).toEqual([
      { line: 1, cells: ['name', 'department'] },
      { line: 2, cells: ['Smith, John', 'School of "Design"'] },
      { line: 3, cells: ['two\nline', 'x'] },
      { line: 6, cells: ['last', 'row'] },
    ]);
  });

  it('takes CRLF, LF and CR line ends, counting a CRLF inside a quoted cell as one line', async () => {
    expect(await readCsv('a,b\r\n"x\r\ny",1\r\n,\r\nc,d')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\r\ny', '1'] },
      { line: 5, cells: ['c', 'd'] },
    ]);
    expect((await readCsv('a\rb\nc\r\nd')).map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('keeps rows of any length and a quote inside an unquoted cell, as spreadsheets write them', async () => {
    expect(await readCsv('a,b,c\n1\n1,2,3,4\nO"Brien,x\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1'] },
      { line: 3, cells: ['1', '2', '3', '4'] },
      { line: 4, cells: ['O"Brien', 'x'] },
    ]);
  });

  it('skips records that are blank in every cell, and reads nothing from an empty text', async () => {
    expect(await readCsv('a\n , \n\n,,,\nb')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 5, cells: ['b'] },
    ]);
    expect(await readCsv('')).toEqual([]);
  });

  it('refuses a quoted cell that is never closed, naming the line it opens on, instead of swallowing the rest of the file', async () => {
    const text = 'name,number\nAnn Lee,V0001\n"Bob Li,V0002\nCarl Wu,V0003\nDan Xu,V0004\n';
    await expect(readCsv(text)).rejects.toEqual(new CsvSyntaxError(3, 'quote_not_closed', 'line 3: a quoted cell is never closed'));
    expect(await readImportCsv(text)).toEqual({ records: null, rejected: { line: 3, fields: [{ field: 'file', reason: 'quote_not_closed' }] } });
  });

  it('streams: records come one by one from a text fed in pieces larger than the parser’s chunks', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `张三${i},"a, ""quoted"" cell ${i}",${i}`);
    let seen = 0;
    for await (const record of csvRecords(`name,note,n\n${rows.join('\n')}\n`)) {
      if (record.line > 1) expect(record.cells).toEqual([`张三${seen}`, `a, "quoted" cell ${seen}`, String(seen)]);
      if (record.line > 1) seen++;
    }
    expect(seen).toBe(20_000);
  });
});

describe('registrar exports', () => {
  it('decodes GB18030 and UTF-8 with a BOM, and reads their records', async () => {
    const gb = decodeSpreadsheetText(fixture('registrar-gb18030.csv'));
    expect(gb.encoding).toBe('gb18030');
    const gbRecords = await readCsv(gb.text);
    expect(gbRecords[0]!.cells).toContain('姓名');
    expect(gbRecords).toHaveLength(5);
    const bom = decodeSpreadsheetText(fixture('registrar-utf8-bom.csv'));
    expect(bom.encoding).toBe('utf-8');
    const bomRecords = await readCsv(bom.text);
    expect(bomRecords[0]!.cells[0]).toBe('name');
    expect(bomRecords[1]!.cells[3]).toBe('School of Mechanical Engineering, SJTU');
  });
});
