/// <reference types="multer" />
import { tmpdir } from 'node:os';
import { DomainException, ErrorKind } from './problem/domain.exception.js';

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Multer settings of every spreadsheet import: one file on disk, at most 25 MiB. */
export const IMPORT_UPLOAD = {
  dest: tmpdir(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 },
};

/** The uploaded spreadsheet, or a 400 naming the multipart field. */
export function requireUpload(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file) {
    throw new DomainException(
      'FILE_REQUIRED',
      ErrorKind.BAD_INPUT,
      'Attach the spreadsheet as the multipart field "file".',
      {
        errors: [{ field: 'file', message: 'file is required' }],
      },
    );
  }
  return file;
}

/** Headers of an xlsx download. */
export function sendXlsx(
  res: { setHeader(name: string, value: string): unknown },
  fileName: string,
): void {
  res.setHeader('Content-Type', XLSX_MIME);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
}

/** OpenAPI description of an xlsx answer. */
export const XLSX_CONTENT = { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } };
