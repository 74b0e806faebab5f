import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum PlanningErrorCode {
  INVALID_LIFE_BANDS = 'INVALID_LIFE_BANDS',
  INVALID_PRICES = 'INVALID_PRICES',
  INVALID_WEIGHTS = 'INVALID_WEIGHTS',
  DEVICE_NOT_SCORED = 'DEVICE_NOT_SCORED',
}

const KIND: Record<PlanningErrorCode, ErrorKind> = {
  [PlanningErrorCode.INVALID_LIFE_BANDS]: ErrorKind.BAD_INPUT,
  [PlanningErrorCode.INVALID_PRICES]: ErrorKind.BAD_INPUT,
  [PlanningErrorCode.INVALID_WEIGHTS]: ErrorKind.BAD_INPUT,
  [PlanningErrorCode.DEVICE_NOT_SCORED]: ErrorKind.NOT_FOUND,
};

export class PlanningException extends domainException(KIND) {}
