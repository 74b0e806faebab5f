/**
 * The import template writer: for a list of column specs, Russian headers in row 1, English in row
 * 2, cell formats and drop-downs, which `readSpreadsheet` accepts back as filled in. Streams like
 * the report writer (xlsx.writer.ts), whose header styling it shares.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetter, compileColumns } from './spreadsheet.headers.js';
import { enumLabel } from './spreadsheet.parsers.js';
import type { ColumnSpec } from './spreadsheet.types.js';
import { fitWidth, HEADER_FILL, styleHeaderRow, SUBHEADER_FILL } from './xlsx.writer.js';

export interface TemplateOptions {
  /** Default `Данные`. */
  readonly sheetName?: string;
  /** Adds a second sheet describing every column (type, required, allowed values). Default true. */
  readonly helpSheet?: boolean;
  /** How many rows below the headers get the columns' drop-downs. Default 1000. */
  readonly rows?: number;
}

/** The streaming WorksheetWriter keeps range validations here (exceljs 4.4; not in its typings). */
interface WorksheetWriterValidations {
  readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function templateFormat(spec: ColumnSpec): string | undefined {
  switch (spec.type) {
    case 'string':
    case 'enum':
    case 'boolean':
      // Text, so that Excel keeps leading zeros of inventory numbers and does not turn 1.5 into a date.
      return '@';
    case 'integer':
      return '0';
    case 'decimal':
      return spec.scale ? `#,##0.${'0'.repeat(spec.scale)}` : undefined;
    case 'date':
      return 'dd.mm.yyyy';
  }
}

const TYPE_HELP: Record<ColumnSpec['type'], string> = {
  string: 'Текст / Text',
  integer: 'Целое число / Whole number',
  decimal: 'Число, например 1 234,56 / Number, e.g. 1 234,56',
  date: 'Дата ДД.ММ.ГГГГ / Date dd.mm.yyyy',
  boolean: 'Да или Нет / Yes or No',
  enum: 'Значение из списка / One of the listed values',
};

function allowedHelp(spec: ColumnSpec): string {
  const parts: string[] = [];
  if (spec.enumValues)
    parts.push(
      spec.enumValues
        .map((v) => [...new Set([enumLabel(v), ...v.aliases, v.value])].join(' = '))
        .join('; '),
    );
  if (spec.type === 'boolean') parts.push('Да, Нет, Yes, No, 1, 0');
  const bound = (b: number | string): string =>
    typeof b === 'string' ? b.split('-').reverse().join('.') : String(b);
  if (spec.min !== undefined) parts.push(`от / from ${bound(spec.min)}`);
  if (spec.max !== undefined) parts.push(`до / to ${bound(spec.max)}`);
  if (spec.maxLength !== undefined)
    parts.push(`не длиннее ${spec.maxLength} символов / up to ${spec.maxLength} characters`);
  if (spec.scale !== undefined)
    parts.push(`не более ${spec.scale} знаков после запятой / at most ${spec.scale} decimals`);
  return parts.join('; ');
}

function dropDown(spec: ColumnSpec): string[] | null {
  const labels =
    spec.type === 'boolean'
      ? ['Да', 'Нет']
      : spec.type === 'enum'
        ? (spec.enumValues ?? []).map(enumLabel)
        : null;
  if (!labels || labels.some((l) => /[,"]/.test(l))) return null;
  const list = `"${labels.join(',')}"`;
  return list.length <= 257 ? [list] : null;
}

/**
 * Writes an import template for the columns: row 1 the Russian headers, row 2 the English ones
 * (both marked `*` when required), cells formatted by type, drop-downs for enums and yes/no, and a
 * help sheet. `readSpreadsheet` reads it back as it is, data starting in row 3.
 */
export async function writeTemplate(
  columns: readonly ColumnSpec[],
  out: Writable,
  options: TemplateOptions = {},
): Promise<void> {
  compileColumns(columns);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'RadFleet';
  const rows = options.rows ?? 1000;
  const mark = (spec: ColumnSpec, text: string): string => (spec.required ? `${text} *` : text);

  const sheet = workbook.addWorksheet(options.sheetName ?? 'Данные', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
  });
  sheet.columns = columns.map((spec) => ({
    width: fitWidth(spec.header.ru, [spec.header.en.length, spec.type === 'date' ? 12 : 10]),
    style: { numFmt: templateFormat(spec) },
  }));
  const ru = sheet.addRow(columns.map((spec) => mark(spec, spec.header.ru)));
  styleHeaderRow(ru, HEADER_FILL, { bold: true });
  ru.commit();
  const en = sheet.addRow(columns.map((spec) => mark(spec, spec.header.en)));
  styleHeaderRow(en, SUBHEADER_FILL, { italic: true, color: { argb: 'FF595959' } });
  en.commit();
  columns.forEach((spec, i) => {
    const list = dropDown(spec);
    if (!list) return;
    const letter = columnLetter(i + 1);
    (sheet as unknown as WorksheetWriterValidations).dataValidations.add(
      `${letter}3:${letter}${rows + 2}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: list,
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: 'Значение не из списка / Not in the list',
        error: 'Выберите значение из списка / Pick a value from the list',
      },
    );
  });
  sheet.commit();

  if (options.helpSheet ?? true) {
    const help = workbook.addWorksheet('Справка (Help)');
    const helpHeaders = [
      'Столбец',
      'Column',
      'Обязательный / Required',
      'Тип / Type',
      'Допустимые значения / Allowed values',
    ];
    const helpRows = columns.map((spec) => [
      spec.header.ru,
      spec.header.en,
      spec.required ? 'Да / Yes' : 'Нет / No',
      TYPE_HELP[spec.type],
      allowedHelp(spec),
    ]);
    help.columns = helpHeaders.map((h, i) => ({
      width: fitWidth(
        h,
        helpRows.map((r) => Math.min(r[i].length, 80)),
      ),
    }));
    const header = help.addRow(helpHeaders);
    styleHeaderRow(header, HEADER_FILL, { bold: true });
    header.commit();
    for (const r of helpRows) {
      const row = help.addRow(r);
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    help.commit();
  }
  await workbook.commit();
}
