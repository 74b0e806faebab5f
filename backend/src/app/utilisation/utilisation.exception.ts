import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum UtilisationErrorCode {
  DEVICE_NOT_FOUND = 'DEVICE_NOT_FOUND',
  INVALID_PERIOD = 'INVALID_PERIOD',
  INVALID_COUNT = 'INVALID_COUNT',
  COUNTS_FROM_ARCHIVE = 'COUNTS_FROM_ARCHIVE',
}

const KIND: Record<UtilisationErrorCode, ErrorKind> = {
  [UtilisationErrorCode.DEVICE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [UtilisationErrorCode.INVALID_PERIOD]: ErrorKind.BAD_INPUT,
  [UtilisationErrorCode.INVALID_COUNT]: ErrorKind.BAD_INPUT,
  [UtilisationErrorCode.COUNTS_FROM_ARCHIVE]: ErrorKind.CONFLICT,
};

export class UtilisationException extends DomainException {
  constructor(
    code: UtilisationErrorCode,
    message: string,
    extensions: DomainException['extensions'] = {},
  ) {
    super(code, KIND[code], message, extensions);
  }
}
