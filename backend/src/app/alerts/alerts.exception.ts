import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum AlertErrorCode {
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  ALERT_RESOLVED = 'ALERT_RESOLVED',
  INVALID_TRIAGE = 'INVALID_TRIAGE',
}

const KIND: Record<AlertErrorCode, ErrorKind> = {
  [AlertErrorCode.ALERT_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [AlertErrorCode.ALERT_RESOLVED]: ErrorKind.CONFLICT,
  [AlertErrorCode.INVALID_TRIAGE]: ErrorKind.BAD_INPUT,
};

export class AlertException extends domainException(KIND) {}
