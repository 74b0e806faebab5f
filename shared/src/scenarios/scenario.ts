import { plainToInstance, Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toArray, toNumber, trim } from '../common/transforms.js';
import { MONEY_PATTERN } from '../devices/device.js';
import { Modality } from '../devices/device.enums.js';
import type { District } from '../facilities/district.js';
import {
  PriorityWeightsDto,
  type FactorContribution,
  type PriorityWeights,
} from '../planning/planning.js';

const nested =
  <T>(cls: new () => T) =>
  ({ value }: TransformFnParams): unknown =>
    Array.isArray(value)
      ? value.map((v: unknown) =>
          v !== null && typeof v === 'object' ? plainToInstance(cls, v) : v,
        )
      : value !== null && typeof value === 'object'
        ? plainToInstance(cls, value)
        : value;

/** The longest plan a scenario may ask for, in years. */
export const MAX_HORIZON_YEARS = 15;
/** Start years a scenario may name. */
export const MIN_START_YEAR = 2000;
export const MAX_START_YEAR = 2100;

export enum ScenarioState {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}

/** What a target asks of the plan, from its year to the horizon. */
export enum ScenarioTargetKind {
  /** Every analogue device replaced (or removed) by the end of the year. */
  ANALOGUE_OUT = 'ANALOGUE_OUT',
  /** No installed device past its adjusted life in any year from this one. */
  NO_PAST_LIFE = 'NO_PAST_LIFE',
  /** The COCIR golden rules hold in every year from this one, city-wide or for one modality. */
  COCIR = 'COCIR',
  /** Capacity at least the forecast demand of a modality (or of each) in every year from this one; may add devices. */
  CAPACITY = 'CAPACITY',
}

export enum ScenarioRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  /** The targets cannot be met within the caps: no plan, the failing target and the minimum budget. */
  INFEASIBLE = 'INFEASIBLE',
  FAILED = 'FAILED',
}

/** Why a plan row is in the plan. */
export enum PlanReason {
  /** Chosen by the objective: its score and factors. */
  SCORE = 'SCORE',
  /** Pinned to its year by the scenario. */
  PIN = 'PIN',
  /** Forced by a target (the row names it). */
  TARGET = 'TARGET',
  /** A device added for capacity, beyond replacements. */
  NEW_CAPACITY = 'NEW_CAPACITY',
  /** Decommissioned without replacement in the start year. */
  REMOVAL = 'REMOVAL',
}

export class ScenarioTargetDto {
  @IsEnum(ScenarioTargetKind, {
    message: `kind must be one of ${Object.values(ScenarioTargetKind).join(', ')}`,
  })
  kind!: ScenarioTargetKind;

  /** The first year the target must hold (ANALOGUE_OUT: the year by whose end they are gone). */
  @IsInt({ message: 'year must be a whole year' })
  @Min(MIN_START_YEAR)
  @Max(MAX_START_YEAR + MAX_HORIZON_YEARS)
  year!: number;

  /** COCIR and CAPACITY: one modality, or null for city-wide (COCIR) / every modality (CAPACITY). */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEnum(Modality, { message: `modality must be one of ${Object.values(Modality).join(', ')}` })
  modality?: Modality | null;
}

export class ScenarioPinDto {
  @IsUUID('all', { message: 'deviceId must be a device id' })
  deviceId!: string;

  @IsInt({ message: 'year must be a whole year' })
  @Min(MIN_START_YEAR)
  @Max(MAX_START_YEAR + MAX_HORIZON_YEARS)
  year!: number;
}

export class CreateScenarioDto {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @IsInt({ message: 'startYear must be a whole year' })
  @Min(MIN_START_YEAR)
  @Max(MAX_START_YEAR)
  startYear!: number;

  @IsInt({ message: 'horizonYears must be a whole number of years' })
  @Min(1, { message: 'horizonYears must be 1–15' })
  @Max(MAX_HORIZON_YEARS, { message: 'horizonYears must be 1–15' })
  horizonYears!: number;

  /** The budget cap of each year of the horizon in roubles, first year first; as many as horizonYears. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HORIZON_YEARS)
  @Matches(MONEY_PATTERN, {
    each: true,
    message: 'each cap must be an amount in roubles with at most two decimals, e.g. 900000000.00',
  })
  caps!: string[];

  /** Unspent budget of a year may be spent in later years. */
  @IsBoolean()
  carryOver!: boolean;

  /** Yearly price escalation %, or null for the reference one. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'escalationPct must be a number' })
  @Min(0)
  @Max(100)
  escalationPct?: number | null;

  /** A weight set for the scores, or null for the default one. */
  @IsOptional()
  @Transform(nested(PriorityWeightsDto))
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  weights?: PriorityWeightsDto | null;

  @IsOptional()
  @Transform(nested(ScenarioTargetDto))
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  targets?: ScenarioTargetDto[];

  @IsOptional()
  @Transform(nested(ScenarioPinDto))
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  pins?: ScenarioPinDto[];

  /** Devices never to replace. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each exclusion must be a device id' })
  exclusions?: string[];

  /** Devices to decommission without replacement in the start year. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each removal must be a device id' })
  removals?: string[];
}

/** PATCH: any field of the create form, and the version read. */
export class UpdateScenarioDto {
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsInt() @Min(MIN_START_YEAR) @Max(MAX_START_YEAR) startYear?: number;
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'horizonYears must be 1–15' })
  @Max(MAX_HORIZON_YEARS, { message: 'horizonYears must be 1–15' })
  horizonYears?: number;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HORIZON_YEARS)
  @Matches(MONEY_PATTERN, {
    each: true,
    message: 'each cap must be an amount in roubles with at most two decimals, e.g. 900000000.00',
  })
  caps?: string[];
  @IsOptional() @IsBoolean() carryOver?: boolean;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'escalationPct must be a number' })
  @Min(0)
  @Max(100)
  escalationPct?: number | null;
  @IsOptional()
  @Transform(nested(PriorityWeightsDto))
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  weights?: PriorityWeightsDto | null;
  @IsOptional()
  @Transform(nested(ScenarioTargetDto))
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  targets?: ScenarioTargetDto[];
  @IsOptional()
  @Transform(nested(ScenarioPinDto))
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  pins?: ScenarioPinDto[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each exclusion must be a device id' })
  exclusions?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each removal must be a device id' })
  removals?: string[];

  @Transform(toNumber)
  @IsInt({ message: 'version must be the version you read' })
  @Min(1)
  version!: number;
}

/** Approve or run: the version the caller read. */
export class ScenarioVersionDto {
  @Transform(toNumber)
  @IsInt({ message: 'version must be the version you read' })
  @Min(1)
  version!: number;
}

export class CopyScenarioDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export const SCENARIO_SORT_FIELDS = ['name', 'startYear', 'state', 'updatedAt'] as const;

export class ScenarioListQuery extends PageQuery {
  @IsOptional() @Transform(toArray) @IsEnum(ScenarioState, { each: true }) state?: ScenarioState[];
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(MIN_START_YEAR)
  @Max(MAX_START_YEAR)
  startYear?: number;
}

export class ScenarioCompareQuery {
  @Transform(toArray)
  @IsArray()
  @ArrayMinSize(2, { message: 'ids must name 2–4 scenarios' })
  @ArrayMaxSize(4, { message: 'ids must name 2–4 scenarios' })
  @ArrayUnique({ message: 'ids must not repeat a scenario' })
  @IsUUID('all', { each: true, message: 'each id must be a scenario id' })
  ids!: string[];
}

export class PlanRowsQuery extends PageQuery {
  @IsOptional() @Transform(toNumber) @IsInt() year?: number;
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
}

export class PlanExportQuery {
  @IsOptional() @IsIn(['ru', 'en']) lang?: 'ru' | 'en';
}

// ---------------------------------------------------------------- responses

export interface ScenarioTarget {
  kind: ScenarioTargetKind;
  year: number;
  modality: Modality | null;
}

export interface ScenarioPin {
  deviceId: string;
  year: number;
}

/** Everything a run reads of the scenario (and what approval freezes). */
export interface ScenarioInputs {
  name: string;
  startYear: number;
  horizonYears: number;
  caps: string[];
  carryOver: boolean;
  escalationPct: number | null;
  weights: PriorityWeights | null;
  targets: ScenarioTarget[];
  pins: ScenarioPin[];
  exclusions: string[];
  removals: string[];
}

export interface ScenarioApproval {
  approvedAt: string;
  approvedById: string | null;
  approvedByEmail: string | null;
  runId: string;
  /** The current approved plan of its start year (a later approval of that year supersedes it). */
  current: boolean;
}

export interface ScenarioResponse extends ScenarioInputs {
  id: string;
  state: ScenarioState;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The latest run, whatever its status. */
  lastRun: ScenarioRunResponse | null;
  approval: ScenarioApproval | null;
}

export interface ScenarioListItem {
  id: string;
  name: string;
  startYear: number;
  horizonYears: number;
  state: ScenarioState;
  version: number;
  updatedAt: string;
  totalCap: string;
  lastRunStatus: ScenarioRunStatus | null;
  totalSpend: string | null;
  current: boolean;
}

/** One year's COCIR shares over the installed base at its end. */
export interface CocirYear {
  devices: number;
  upTo5Pct: number | null;
  from6to10Pct: number | null;
  over10Pct: number | null;
  compliant: boolean | null;
}

export interface CapacityYear {
  modality: Modality;
  devices: number;
  capacityStudies: number;
  demandStudies: number;
  /** Demand minus capacity, studies; positive when short. */
  gapStudies: number;
}

/** The measures of a plan, the same for the optimum and the by-score method. */
export interface PlanMeasures {
  /** Priority-weighted risk reduction: Σ score × years left in the horizon after replacement. */
  objective: number;
  totalSpend: string;
  replacements: number;
  newDevices: number;
  /** Devices installed past their adjusted life, summed over the years. */
  deviceYearsPastLife: number;
  /** Mean age of the installed base at the end of the last year. */
  meanAgeAtHorizon: number | null;
  years: PlanYearMeasures[];
  /** Targets not met (the by-score method may miss them; the optimum never does). */
  unmetTargets: ScenarioTarget[];
}

export interface PlanYearMeasures {
  year: number;
  cap: string;
  spend: string;
  /** Cap (plus what carries over) minus spend. */
  budgetLeft: string;
  replacements: number;
  newDevices: number;
  spendByModality: Partial<Record<Modality, string>>;
  spendByDistrict: Partial<Record<District, string>>;
  analogueLeft: number;
  pastLife: number;
  meanAge: number | null;
  cocir: CocirYear;
  capacity: CapacityYear[];
}

export interface SolverReport {
  solver: string;
  /** HiGHS's model status of the final solve. */
  status: string;
  /** How the schedule was found: the full MIP, or the LP relaxation, fixed, and the remaining MIP. */
  method: string;
  /** Relative gap of the plan's objective to the LP bound, %. */
  gapPct: number | null;
  lpBound: number | null;
  solveMs: number;
  totalMs: number;
  variables: number;
  constraints: number;
}

export interface ScenarioInfeasibility {
  /** The first target (in the scenario's order) that cannot be met within the caps. */
  failingTarget: ScenarioTarget | null;
  /** Why, in words (also for pins that exceed a cap). */
  reason: string;
  /** The smallest uniform yearly cap that meets every target, or null when no budget can. */
  minimumYearlyBudget: string | null;
}

export interface ScenarioRunResponse {
  id: string;
  scenarioId: string;
  status: ScenarioRunStatus;
  /** 0–100. */
  progress: number;
  stage: string | null;
  startedAt: string;
  finishedAt: string | null;
  solver: SolverReport | null;
  optimum: PlanMeasures | null;
  byScore: PlanMeasures | null;
  infeasibility: ScenarioInfeasibility | null;
  error: string | null;
}

export interface PlanRow {
  deviceId: string | null;
  inventoryNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  modality: Modality;
  technology: string | null;
  facilityId: string | null;
  facilityName: string | null;
  district: District | null;
  year: number;
  /** The escalated price of that year, roubles. */
  price: string;
  reason: PlanReason;
  /** For TARGET: the target that forced it. */
  target: ScenarioTarget | null;
  score: number | null;
  factors: FactorContribution[];
}

export interface PlanResponse {
  scenario: ScenarioResponse;
  run: ScenarioRunResponse;
  rows: PlanRow[];
}

export interface ScenarioComparison {
  id: string;
  name: string;
  state: ScenarioState;
  startYear: number;
  horizonYears: number;
  caps: string[];
  run: ScenarioRunResponse | null;
}

export interface ScenarioCompareResponse {
  scenarios: ScenarioComparison[];
}
