import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum UserErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  LAST_ADMIN = 'LAST_ADMIN',
}

const KIND: Record<UserErrorCode, ErrorKind> = {
  [UserErrorCode.USER_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [UserErrorCode.EMAIL_TAKEN]: ErrorKind.CONFLICT,
  [UserErrorCode.LAST_ADMIN]: ErrorKind.CONFLICT,
};

export class UserException extends domainException(KIND) {}
