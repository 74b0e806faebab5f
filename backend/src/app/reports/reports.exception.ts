import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum ReportsErrorCode {
  INVALID_MONTH = 'INVALID_MONTH',
  PACK_NOT_FOUND = 'PACK_NOT_FOUND',
  PACK_NOT_READY = 'PACK_NOT_READY',
  PACK_FORBIDDEN = 'PACK_FORBIDDEN',
}

const KIND: Record<ReportsErrorCode, ErrorKind> = {
  [ReportsErrorCode.INVALID_MONTH]: ErrorKind.BAD_INPUT,
  [ReportsErrorCode.PACK_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ReportsErrorCode.PACK_NOT_READY]: ErrorKind.CONFLICT,
  [ReportsErrorCode.PACK_FORBIDDEN]: ErrorKind.FORBIDDEN,
};

export class ReportsException extends DomainException {
  constructor(
    code: ReportsErrorCode,
    message: string,
    extensions: DomainException['extensions'] = {},
  ) {
    super(code, KIND[code], message, extensions);
  }
}
