import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer from 'multer';
import { finalize, type Observable } from 'rxjs';
import { AppConfig } from '../config/app.config.js';
import { DomainException, ErrorKind } from './problem/domain.exception.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Seconds a client is asked to wait when every import slot is taken. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

/**
 * At most IMPORT_CONCURRENCY imports at once, counted from the first byte of the upload to the
 * answer: an import reads, checks and writes a whole file, and two of them already keep both cores
 * of a small server busy. One more is refused at once with 429 and `Retry-After`, before its body
 * is read.
 */
@Injectable()
export class ImportGate {
  private running = 0;

  constructor(private readonly config: AppConfig) {}

  get active(): number {
    return this.running;
  }

  /** Takes a slot, or throws 429; call the returned function once to give the slot back. */
  enter(): () => void {
    if (this.running >= this.config.IMPORT_CONCURRENCY) {
      throw new DomainException(
        'TOO_MANY_IMPORTS',
        ErrorKind.TOO_MANY_REQUESTS,
        `${this.config.IMPORT_CONCURRENCY} imports are already running (the limit IMPORT_CONCURRENCY); try again in a few seconds.`,
        {
          headers: { 'Retry-After': String(IMPORT_RETRY_AFTER_SECONDS) },
          retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS,
          limit: { name: 'IMPORT_CONCURRENCY', value: this.config.IMPORT_CONCURRENCY },
        },
      );
    }
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }
}

function uploadError(error: unknown, maxMb: number): DomainException {
  const code = (error as { code?: unknown }).code;
  if (code === 'LIMIT_FILE_SIZE') {
    return new DomainException(
      'FILE_TOO_LARGE',
      ErrorKind.PAYLOAD_TOO_LARGE,
      `The file is larger than ${maxMb} MB (the limit IMPORT_MAX_UPLOAD_MB); split it into several files.`,
      {
        limit: { name: 'IMPORT_MAX_UPLOAD_MB', value: maxMb },
        errors: [{ field: 'file', message: `must be at most ${maxMb} MB` }],
      },
    );
  }
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
    return new DomainException(
      'UNEXPECTED_FILE',
      ErrorKind.BAD_INPUT,
      'Send exactly one file, as the multipart field "file".',
      { errors: [{ field: 'file', message: 'exactly one file, in the field "file"' }] },
    );
  }
  return new DomainException(
    'MALFORMED_UPLOAD',
    ErrorKind.BAD_INPUT,
    'The upload is not a readable multipart/form-data body with the spreadsheet in the field "file".',
    { errors: [{ field: 'file', message: 'not a readable multipart upload' }] },
  );
}

/**
 * Receives the spreadsheet of an import: takes an import slot (429 when none is free), stores the
 * multipart field `file` on disk up to IMPORT_MAX_UPLOAD_MB (413 past it), and when the answer has
 * gone, removes the file and gives the slot back.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  constructor(
    private readonly config: AppConfig,
    private readonly gate: ImportGate,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const release = this.gate.enter();
    const cleanUp = (): void => {
      release();
      if (req.file) void rm(req.file.path, { force: true });
    };
    try {
      await this.receive(req, res);
    } catch (e) {
      cleanUp();
      throw e;
    }
    return next.handle().pipe(finalize(cleanUp));
  }

  private receive(req: Request, res: Response): Promise<void> {
    const maxMb = this.config.IMPORT_MAX_UPLOAD_MB;
    const upload = multer({
      dest: tmpdir(),
      limits: { fileSize: maxMb * 1024 * 1024, files: 1, fields: 5, parts: 6 },
    }).single('file');
    return new Promise((resolve, reject) =>
      upload(req, res, (error: unknown) => (error ? reject(uploadError(error, maxMb)) : resolve())),
    );
  }
}

const PROBLEM = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
};

/** An import route: the upload handling above, and its OpenAPI description. */
export function ImportUpload(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(ImportUploadInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      },
    }),
    ApiPayloadTooLargeResponse({
      description: 'The file is larger than IMPORT_MAX_UPLOAD_MB; `limit` names it.',
      content: PROBLEM,
    }),
    ApiUnprocessableEntityResponse({
      description:
        'The file cannot be imported: unreadable, wrong columns, no data, or past IMPORT_MAX_ROWS or IMPORT_MAX_XLSX_PART_MB (then `limit` names it).',
      content: PROBLEM,
    }),
  );
}

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
