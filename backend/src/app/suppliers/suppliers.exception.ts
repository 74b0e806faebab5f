import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum SupplierErrorCode {
  SUPPLIER_NOT_FOUND = 'SUPPLIER_NOT_FOUND',
  INN_TAKEN = 'INN_TAKEN',
  INVALID_SUPPLIER = 'INVALID_SUPPLIER',
}

const KIND: Record<SupplierErrorCode, ErrorKind> = {
  [SupplierErrorCode.SUPPLIER_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [SupplierErrorCode.INN_TAKEN]: ErrorKind.CONFLICT,
  [SupplierErrorCode.INVALID_SUPPLIER]: ErrorKind.BAD_INPUT,
};

export class SupplierException extends domainException(KIND) {}
