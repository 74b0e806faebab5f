import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@radfleet/shared';
import type { Request, Response } from 'express';
import { databaseFailure } from './database-errors.js';
import { DomainException, ErrorKind } from './domain.exception.js';
import { RequestValidationException } from './validation.js';

const KIND_STATUS: Record<ErrorKind, number> = {
  [ErrorKind.BAD_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorKind.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorKind.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorKind.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorKind.UNPROCESSABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorKind.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorKind.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorKind.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorKind.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** What a client is told to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

export function statusOfKind(kind: ErrorKind): number {
  return KIND_STATUS[kind];
}

/** Errors raised by Express body parsers carry a status and a `type` such as `entity.parse.failed`. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as BodyParserError).type === 'string' &&
    typeof ((e as BodyParserError).status ?? (e as BodyParserError).statusCode) === 'number'
  );
}

/** The single place where every error becomes an RFC 9457 `application/problem+json` answer. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { problem, headers } = this.toProblem(exception, req);
    if (problem.code === 'DATABASE_UNAVAILABLE' || problem.code === 'DATABASE_TIMEOUT') {
      // An outage fails every request the same way: one line each, without the stack.
      this.logger.warn(
        `${problem.code}: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
    } else if (problem.status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(
    exception: unknown,
    req: Request,
  ): { problem: ProblemDetails; headers: Record<string, string> } {
    const instance = req.originalUrl?.split('?')[0];
    const base = (
      status: number,
      detail: string,
      extra: Partial<ProblemDetails> = {},
    ): ProblemDetails => ({
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      instance,
      ...(req.requestId ? { requestId: req.requestId } : {}),
      ...extra,
    });

    if (exception instanceof DomainException) {
      const { errors, headers, ...rest } = exception.extensions;
      const status = KIND_STATUS[exception.kind];
      return {
        problem: base(status, exception.message, {
          type: `urn:radfleet:problem:${exception.code.toLowerCase().replace(/_/g, '-')}`,
          code: exception.code,
          ...rest,
          ...(errors ? { errors } : {}),
        }),
        headers: headers ?? {},
      };
    }
    if (exception instanceof RequestValidationException) {
      return {
        problem: base(400, 'The request has invalid fields.', {
          code: 'VALIDATION_FAILED',
          errors: exception.errors,
        }),
        headers: {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      let detail = exception.message;
      if (typeof response === 'object' && response !== null && 'message' in response) {
        const m = (response as { message: unknown }).message;
        detail = Array.isArray(m) ? m.join('; ') : String(m);
      }
      if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(detail)) {
        detail = `No API route matches ${req.method} ${instance}.`;
      }
      return {
        problem: base(status, status >= 500 ? 'Unexpected server error.' : detail),
        headers: {},
      };
    }
    if (isBodyParserError(exception)) {
      const status = exception.status ?? exception.statusCode ?? 400;
      const detail =
        exception.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : exception.type === 'entity.too.large'
            ? 'The request body is too large.'
            : status < 500 && exception.expose !== false
              ? exception.message
              : 'The request body could not be read.';
      return { problem: base(status, detail, { code: 'MALFORMED_BODY' }), headers: {} };
    }
    const failure = databaseFailure(exception);
    if (failure) {
      return {
        problem: base(
          503,
          failure === 'TIMEOUT'
            ? 'The database took too long to answer. Try again shortly.'
            : 'The database is not available. Try again shortly.',
          {
            type: `urn:radfleet:problem:${failure === 'TIMEOUT' ? 'database-timeout' : 'database-unavailable'}`,
            title: failure === 'TIMEOUT' ? 'Database Timeout' : 'Database Unavailable',
            code: failure === 'TIMEOUT' ? 'DATABASE_TIMEOUT' : 'DATABASE_UNAVAILABLE',
          },
        ),
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      };
    }
    return { problem: base(500, 'Unexpected server error.'), headers: {} };
  }
}
