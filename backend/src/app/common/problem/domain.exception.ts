import type { FieldError } from '@radfleet/shared';

/** How a domain error reads to a client; the single place that maps these to HTTP is ProblemDetailsFilter. */
export enum ErrorKind {
  BAD_INPUT = 'BAD_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNPROCESSABLE = 'UNPROCESSABLE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNAVAILABLE = 'UNAVAILABLE',
}

/**
 * Base of every exception a service throws. Each domain declares its own code enum and a subclass
 * (`devices.exception.ts`); services never throw HTTP exceptions.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly extensions: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A domain's exception class from its code → kind table, so that each domain declares only its codes:
 *
 *   export enum DeviceErrorCode { DEVICE_NOT_FOUND = 'DEVICE_NOT_FOUND' }
 *   export class DeviceException extends domainException({ [DeviceErrorCode.DEVICE_NOT_FOUND]: ErrorKind.NOT_FOUND }) {}
 */
export function domainException<C extends string>(kinds: Record<C, ErrorKind>) {
  return class extends DomainException {
    constructor(code: C, message: string, extensions: DomainException['extensions'] = {}) {
      super(code, kinds[code], message, extensions);
    }
  };
}
