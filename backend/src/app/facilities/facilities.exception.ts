import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum FacilityErrorCode {
  FACILITY_NOT_FOUND = 'FACILITY_NOT_FOUND',
  FACILITY_CODE_TAKEN = 'FACILITY_CODE_TAKEN',
}

const KIND: Record<FacilityErrorCode, ErrorKind> = {
  [FacilityErrorCode.FACILITY_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [FacilityErrorCode.FACILITY_CODE_TAKEN]: ErrorKind.CONFLICT,
};

export class FacilityException extends domainException(KIND) {}
