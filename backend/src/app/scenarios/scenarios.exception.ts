import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum ScenarioErrorCode {
  SCENARIO_NOT_FOUND = 'SCENARIO_NOT_FOUND',
  INVALID_SCENARIO = 'INVALID_SCENARIO',
  SCENARIO_APPROVED = 'SCENARIO_APPROVED',
  RUN_IN_PROGRESS = 'RUN_IN_PROGRESS',
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  NO_PLAN = 'NO_PLAN',
  PLAN_OUTDATED = 'PLAN_OUTDATED',
  RUN_FAILED = 'RUN_FAILED',
  TARGETS_INFEASIBLE = 'TARGETS_INFEASIBLE',
}

const KIND: Record<ScenarioErrorCode, ErrorKind> = {
  [ScenarioErrorCode.SCENARIO_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ScenarioErrorCode.INVALID_SCENARIO]: ErrorKind.BAD_INPUT,
  [ScenarioErrorCode.SCENARIO_APPROVED]: ErrorKind.CONFLICT,
  [ScenarioErrorCode.RUN_IN_PROGRESS]: ErrorKind.CONFLICT,
  [ScenarioErrorCode.RUN_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ScenarioErrorCode.NO_PLAN]: ErrorKind.NOT_FOUND,
  [ScenarioErrorCode.PLAN_OUTDATED]: ErrorKind.CONFLICT,
  [ScenarioErrorCode.RUN_FAILED]: ErrorKind.CONFLICT,
  [ScenarioErrorCode.TARGETS_INFEASIBLE]: ErrorKind.UNPROCESSABLE,
};

export class ScenarioException extends domainException(KIND) {}
