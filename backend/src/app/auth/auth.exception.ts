import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum AuthErrorCode {
  NOT_AUTHENTICATED = 'NOT_AUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  SESSION_EXPIRED = 'SESSION_EXPIRED',
  FORBIDDEN = 'FORBIDDEN',
  OUTSIDE_FACILITY_SCOPE = 'OUTSIDE_FACILITY_SCOPE',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  WRONG_CURRENT_PASSWORD = 'WRONG_CURRENT_PASSWORD',
}

const KIND: Record<AuthErrorCode, ErrorKind> = {
  [AuthErrorCode.NOT_AUTHENTICATED]: ErrorKind.UNAUTHENTICATED,
  [AuthErrorCode.INVALID_CREDENTIALS]: ErrorKind.UNAUTHENTICATED,
  [AuthErrorCode.SESSION_EXPIRED]: ErrorKind.UNAUTHENTICATED,
  [AuthErrorCode.TOO_MANY_ATTEMPTS]: ErrorKind.TOO_MANY_REQUESTS,
  [AuthErrorCode.FORBIDDEN]: ErrorKind.FORBIDDEN,
  [AuthErrorCode.OUTSIDE_FACILITY_SCOPE]: ErrorKind.FORBIDDEN,
  [AuthErrorCode.WEAK_PASSWORD]: ErrorKind.BAD_INPUT,
  [AuthErrorCode.WRONG_CURRENT_PASSWORD]: ErrorKind.BAD_INPUT,
};

export class AuthException extends DomainException {
  constructor(
    code: AuthErrorCode,
    message: string,
    extensions: DomainException['extensions'] = {},
  ) {
    super(code, KIND[code], message, extensions);
  }
}
