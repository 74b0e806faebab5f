/** Generic spreadsheet import and export: column specs, streaming readers, value parsers, xlsx writers. */
export * from './spreadsheet.types.js';
export { SpreadsheetFileError } from './spreadsheet.errors.js';
export { readSpreadsheet } from './spreadsheet.reader.js';
export {
  cleanText,
  excelDateToIsoDate,
  excelSerialToIsoDate,
  formatRuDate,
  normalizeLabel,
  parseBoolean,
  parseCellValue,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseText,
  type CellErrorValue,
  type CellInput,
  type ParseResult,
  type ParsedValue,
} from './spreadsheet.parsers.js';
export { columnLetter, compileColumns } from './spreadsheet.headers.js';
export {
  REPORT_NUMBER_FORMATS,
  XlsxReportSheet,
  XlsxReportWriter,
  type ReportCellType,
  type ReportColumn,
  type ReportLanguage,
  type ReportValue,
  type SummaryItem,
  type SummarySheet,
  type XlsxReportOptions,
} from './xlsx.writer.js';
export { writeTemplate, type TemplateOptions } from './xlsx-template.writer.js';
export { readImportFile, type ImportFile, type ImportRow } from './import-file.js';
export { assertSomeRowInScope, boundedRows, SpreadsheetImports } from './imports.service.js';
