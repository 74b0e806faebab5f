import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum ServiceEventErrorCode {
  SERVICE_EVENT_NOT_FOUND = 'SERVICE_EVENT_NOT_FOUND',
  INVALID_SERVICE_EVENT = 'INVALID_SERVICE_EVENT',
}

const KIND: Record<ServiceEventErrorCode, ErrorKind> = {
  [ServiceEventErrorCode.SERVICE_EVENT_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ServiceEventErrorCode.INVALID_SERVICE_EVENT]: ErrorKind.BAD_INPUT,
};

export class ServiceEventException extends domainException(KIND) {}
