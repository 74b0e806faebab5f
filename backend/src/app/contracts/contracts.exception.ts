import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum ContractErrorCode {
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  CONTRACT_NUMBER_TAKEN = 'CONTRACT_NUMBER_TAKEN',
  INVALID_CONTRACT = 'INVALID_CONTRACT',
  COVERAGE_OVERLAP = 'COVERAGE_OVERLAP',
  CONTRACT_TERMINATED = 'CONTRACT_TERMINATED',
  INVALID_PERIOD = 'INVALID_PERIOD',
}

const KIND: Record<ContractErrorCode, ErrorKind> = {
  [ContractErrorCode.CONTRACT_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ContractErrorCode.CONTRACT_NUMBER_TAKEN]: ErrorKind.CONFLICT,
  [ContractErrorCode.INVALID_CONTRACT]: ErrorKind.BAD_INPUT,
  [ContractErrorCode.COVERAGE_OVERLAP]: ErrorKind.BAD_INPUT,
  [ContractErrorCode.CONTRACT_TERMINATED]: ErrorKind.CONFLICT,
  [ContractErrorCode.INVALID_PERIOD]: ErrorKind.BAD_INPUT,
};

export class ContractException extends domainException(KIND) {}
