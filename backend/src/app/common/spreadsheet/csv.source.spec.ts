import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  CsvTokenizer,
  CsvTokenizerError,
  detectBom,
  guessUtf16,
  isValidUtf8,
  looksLikeText,
  sniffDelimiter,
} from './csv.source.js';

function tokenize(text: string, delimiter = ';', pieces = 1): string[][] {
  const tokenizer = new CsvTokenizer(delimiter);
  const records: string[][] = [];
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < text.length; i += size)
    records.push(...tokenizer.push(text.slice(i, i + size)));
  records.push(...tokenizer.end());
  return records;
}

describe('CsvTokenizer', () => {
  it('splits fields and records with CRLF, LF and CR line ends', () => {
    expect(tokenize('a;b\r\nc;d\ne;f\rg;h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted fields with the delimiter, doubled quotes and line breaks inside', () => {
    const text = 'name;note\r\n"ООО ""Рога; и копыта""";"line 1\r\nline 2"\r\n"";x\r\n';
    expect(tokenize(text)).toEqual([
      ['name', 'note'],
      ['ООО "Рога; и копыта"', 'line 1\r\nline 2'],
      ['', 'x'],
    ]);
  });

  it('gives the same records whatever the chunk boundaries (quotes, CRLF split across pushes)', () => {
    const text = 'a;"b ""q"" ;\r\nc";d\r\n\r\n1;2\r\n"x"\r\n';
    const whole = tokenize(text);
    for (let pieces = 2; pieces <= text.length; pieces++)
      expect(tokenize(text, ';', pieces)).toEqual(whole);
    expect(whole).toEqual([['a', 'b "q" ;\r\nc', 'd'], [''], ['1', '2'], ['x']]);
  });

  it('keeps empty fields and a last record without a line break', () => {
    expect(tokenize(';;\r\na;')).toEqual([
      ['', '', ''],
      ['a', ''],
    ]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('\r\n')).toEqual([['']]);
  });

  it('is lenient like Excel: a quote inside an unquoted field, text after a closing quote', () => {
    expect(tokenize('5" диагональ;"a"b;c')).toEqual([['5" диагональ', 'ab', 'c']]);
  });

  it('reports an unterminated quote with the record it started in', () => {
    const tokenizer = new CsvTokenizer(';');
    tokenizer.push('a;b\r\nc;"open\r\nmore\r\n');
    expect(() => tokenizer.end()).toThrow(CsvTokenizerError);
    try {
      tokenizer.end();
    } catch (e) {
      expect(e).toMatchObject({ code: 'UNTERMINATED_QUOTE', record: 2 });
    }
  });

  it('stops a runaway record instead of buffering it', () => {
    const tokenizer = new CsvTokenizer(';', 100);
    expect(() => tokenizer.push(`"${'x'.repeat(200)}`)).toThrow(
      expect.objectContaining({ code: 'UNTERMINATED_QUOTE' }),
    );
    expect(() => new CsvTokenizer(',', 100).push('y'.repeat(200))).toThrow(
      expect.objectContaining({ code: 'ROW_TOO_LONG' }),
    );
  });

  it('counts records like Excel counts rows', () => {
    const tokenizer = new CsvTokenizer(';');
    tokenizer.push('a\r\n"b\r\nc"\r\nd\r\n');
    expect(tokenizer.recordCount).toBe(3);
  });
});

describe('sniffDelimiter', () => {
  it('finds ; , and tab', () => {
    expect(sniffDelimiter('Инв. номер;Стоимость, руб.;Дата\r\n1;1 000,50;01.01.2024\r\n')).toBe(
      ';',
    );
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
  });

  it('is not fooled by a title line or by commas inside a text column', () => {
    const text = [
      'Перечень оборудования, ГБУЗ "ГКБ № 1", на 01.01.2024',
      'Номер;Модель;Примечание',
      '1;Aquilion;исправен, в работе, без замечаний, ТО проведено',
      '2;Ingenuity;исправен',
      '3;Optima;',
    ].join('\r\n');
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('respects quotes: a ; inside quoted comma-separated fields does not count', () => {
    expect(sniffDelimiter('"a;1","b;2",c\n"d;3","e;4",f\n')).toBe(',');
  });

  it('falls back to ; for a single column', () => {
    expect(sniffDelimiter('Номер\n1\n2\n')).toBe(';');
  });
});

describe('encoding detection helpers', () => {
  it('recognises BOMs', () => {
    expect(detectBom(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectBom(Buffer.from([0xff, 0xfe, 0x41, 0]))).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectBom(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({
      encoding: 'utf-16be',
      bomLength: 2,
    });
    expect(detectBom(Buffer.from('abc'))).toBeNull();
  });

  it('guesses UTF-16 without a BOM from its zero bytes', () => {
    expect(guessUtf16(Buffer.from('a;b\r\n1;2\r\n', 'utf16le'))).toBe('utf-16le');
    expect(guessUtf16(Buffer.from('a;b\r\n1;2\r\n', 'utf16le').swap16())).toBe('utf-16be');
    expect(guessUtf16(Buffer.from('a;b\r\n1;2\r\n'))).toBeNull();
  });

  it('tells UTF-8 from Windows-1251 bytes, allowing a character cut at the end', () => {
    const utf8 = Buffer.from('Модальность');
    expect(isValidUtf8(utf8, true)).toBe(true);
    expect(isValidUtf8(utf8.subarray(0, 3), false)).toBe(true);
    expect(isValidUtf8(utf8.subarray(0, 3), true)).toBe(false);
    expect(isValidUtf8(iconv.encode('Модальность', 'windows1251'), false)).toBe(false);
  });

  it('tells text from binary', () => {
    expect(looksLikeText('a;b\r\n\t1;2')).toBe(true);
    expect(looksLikeText('PNG\u0000\u0001')).toBe(false);
    expect(looksLikeText('\u0001\u0002\u0003\u0004abc')).toBe(false);
  });
});
