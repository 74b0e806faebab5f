import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { PinoNestLogger } from './common/logging/logger.js';
import { requestLogging } from './common/logging/request-logging.middleware.js';
import { completeDocument } from './common/openapi/openapi.js';
import { DomainException, ErrorKind } from './common/problem/domain.exception.js';
import {
  guardInput,
  InputGuardPipe,
  TOO_DEEP,
  tooDeepException,
  verifyJsonDepth,
} from './common/problem/input-guard.js';
import { createValidationPipe } from './common/problem/validation.js';
import type { AppConfig } from './config/app.config.js';
import { APP_VERSION } from './version.js';

export const API_PREFIX = 'api';

/** The production Angular build, as laid out in the repository and in the Docker image. */
export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../../frontend/dist/browser', import.meta.url));
}

/** Builds the whole HTTP application (API, OpenAPI, web app) without listening. Tests use it too. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
  httpLogger: Logger = logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    { logger: new PinoNestLogger(logger), bodyParser: false, abortOnError: false },
  );
  answerClientErrorsAsProblems(app.getHttpServer() as Server);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestLogging(httpLogger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Plain-HTTP deployments on a hospital LAN must still load their own assets.
          upgradeInsecureRequests: null,
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  app.use(`/${API_PREFIX}`, express.json({ limit: '2mb', verify: verifyJsonDepth }));
  app.use(`/${API_PREFIX}`, express.urlencoded({ extended: false, limit: '2mb' }));
  app.use(`/${API_PREFIX}`, rejectUnreadableBody);
  app.use(`/${API_PREFIX}`, guardInput);
  app.use(`/${API_PREFIX}/auth`, cookieParser());
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new InputGuardPipe(), createValidationPipe());
  app.enableShutdownHooks();

  if (config.API_DOCS) {
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, buildOpenApiDocument(app), {
      jsonDocumentUrl: `${API_PREFIX}/docs-json`,
      yamlDocumentUrl: `${API_PREFIX}/docs-yaml`,
    });
  }

  serveWebApp(app, resolve(config.STATIC_DIR ?? defaultStaticDir()), logger);
  return app;
}

/** The OpenAPI document of an application whose routes are registered under {@link API_PREFIX}. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('RadFleet API')
        .setDescription('Lifecycle management of a city fleet of diagnostic imaging devices.')
        .setVersion(APP_VERSION)
        .addBearerAuth()
        .build(),
    ),
  );
}

/**
 * The OpenAPI document without a database or a listening server: Nest's preview mode reads the
 * controllers' metadata without creating any provider (`tools/api-lint.mjs` lints it).
 */
export async function generateOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://preview@127.0.0.1:1/preview' }),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers too large, a
 * malformed request line) get a problem+json too, instead of Node's bare status line.
 */
function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request URL or headers are too large.']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request did not arrive in time.']
          : [400, 'Bad Request', 'The request could not be read.'];
    const body = JSON.stringify({ type: 'about:blank', title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Turns body-parser failures into a clear 400 before they reach Nest. */
function rejectUnreadableBody(
  err: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const e = err as { type?: string; status?: number };
  if (e?.type === TOO_DEEP) {
    next(tooDeepException());
  } else if (e?.type === 'entity.parse.failed') {
    next(
      new DomainException(
        'MALFORMED_BODY',
        ErrorKind.BAD_INPUT,
        'The request body is not valid JSON.',
      ),
    );
  } else if (e?.type === 'entity.too.large') {
    next(
      new DomainException(
        'BODY_TOO_LARGE',
        ErrorKind.PAYLOAD_TOO_LARGE,
        'The request body is too large.',
      ),
    );
  } else {
    next(err);
  }
}

/** Serves the Angular build at `/`; client routes fall back to index.html, `/api` never does. */
function serveWebApp(app: NestExpressApplication, dir: string, logger: Logger): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'no web app build found; only the API is served (run `npm run build`)');
    return;
  }
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'Cache-Control',
          /\.[0-9a-zA-Z]{8,}\.(js|css|woff2?)$/.test(path) || /-[A-Z0-9]{8}\.(js|css)$/.test(path)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = req.path === `/${API_PREFIX}` || req.path.startsWith(`/${API_PREFIX}/`);
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApi && req.accepts('html')) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
      return;
    }
    next();
  });
}
