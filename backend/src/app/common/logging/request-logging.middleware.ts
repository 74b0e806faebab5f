import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestContext } from './request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane), runs the rest of the
 * request inside that context so that every log line carries it, and logs the completed request.
 */
export function requestLogging(logger: Logger) {
  // pino-http binds reqId itself, so its logger must not add it a second time.
  const http = pinoHttp({
    logger,
    genReqId: (req) => (req as unknown as Request).requestId,
    customProps: () => ({}),
    quietReqLogger: true,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    requestContext.run({ requestId }, () => http(req, res, next));
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}
