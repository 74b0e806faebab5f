import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../../config/app.config.js';
import { requestContext } from './request-context.js';

/** The process-wide JSON logger; every line written inside a request carries its `reqId`. */
export function createLogger(
  level: LogLevel,
  options: { withRequestContext?: boolean } = {},
): Logger {
  const withContext = options.withRequestContext ?? true;
  return pino({
    level,
    base: { service: 'radfleet' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      if (!withContext) return {};
      const ctx = requestContext.getStore();
      return ctx ? { reqId: ctx.requestId, ...(ctx.userId ? { userId: ctx.userId } : {}) } : {};
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
      ],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ): void {
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(message as object) });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
