import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  AuditAction,
  PlanReason,
  Role,
  ScenarioRunStatus,
  ScenarioState,
  ScenarioTargetKind,
  type CreateScenarioDto,
  type FieldError,
  type Paged,
  type PlanResponse,
  type PlanRow,
  type PriorityWeights,
  type ScenarioCompareResponse,
  type ScenarioInputs,
  type ScenarioListItem,
  type ScenarioListQuery,
  type ScenarioResponse,
  type ScenarioRunResponse,
  type UpdateScenarioDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../auth/index.js';
import { bulkInsert, type BulkColumn } from '../common/bulk-insert.js';
import { assertVersion } from '../common/persistence.js';
import {
  ScenarioApprovalEntity,
  type ApprovalSnapshot,
} from './entities/scenario-approval.entity.js';
import { ScenarioPlanRowEntity } from './entities/scenario-plan-row.entity.js';
import { ScenarioRunEntity } from './entities/scenario-run.entity.js';
import { ScenarioEntity } from './entities/scenario.entity.js';
import { WorkerSolver } from './highs-runner.js';
import { ScenarioFleetService } from './scenario-fleet.service.js';
import { escalatedPrice, reasonOf } from './scenario-model.js';
import { solveScenario, type SolveFn } from './scenario-solver.js';
import { ScenarioErrorCode, ScenarioException } from './scenarios.exception.js';

const notFound = (id: string) =>
  new ScenarioException(ScenarioErrorCode.SCENARIO_NOT_FOUND, `No scenario ${id}.`);
const invalid = (errors: FieldError[]) =>
  new ScenarioException(
    ScenarioErrorCode.INVALID_SCENARIO,
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );

function inputsOf(s: ScenarioEntity): ScenarioInputs {
  return {
    name: s.name,
    startYear: s.startYear,
    horizonYears: s.horizonYears,
    caps: s.caps,
    carryOver: s.carryOver,
    escalationPct: s.escalationPct === null ? null : Number(s.escalationPct),
    weights: s.weights,
    targets: s.targets,
    pins: s.pins,
    exclusions: s.exclusions,
    removals: s.removals,
  };
}

const money2 = (v: string) => Number(v).toFixed(2);

function runResponse(r: ScenarioRunEntity): ScenarioRunResponse {
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    status: r.status,
    progress: r.progress,
    stage: r.stage,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    solver: r.solver,
    optimum: r.optimum,
    byScore: r.byScore,
    infeasibility: r.infeasibility,
    error: r.error,
  };
}

type PlanRowInsert = Pick<
  ScenarioPlanRowEntity,
  'runId' | 'deviceId' | 'modality' | 'year' | 'price' | 'reason' | 'target' | 'score' | 'factors'
>;

const PLAN_ROW_COLUMNS: BulkColumn<PlanRowInsert>[] = [
  { name: 'run_id', type: 'uuid[]', value: (r) => r.runId },
  { name: 'device_id', type: 'uuid[]', value: (r) => r.deviceId },
  { name: 'modality', type: 'varchar[]', value: (r) => r.modality },
  { name: 'year', type: 'int[]', value: (r) => r.year },
  { name: 'price', type: 'numeric[]', value: (r) => r.price },
  { name: 'reason', type: 'varchar[]', value: (r) => r.reason },
  { name: 'target', type: 'jsonb[]', value: (r) => (r.target ? JSON.stringify(r.target) : null) },
  { name: 'score', type: 'numeric[]', value: (r) => r.score },
  { name: 'factors', type: 'jsonb[]', value: (r) => JSON.stringify(r.factors) },
];

const ACTIVE = [ScenarioRunStatus.QUEUED, ScenarioRunStatus.RUNNING];

/**
 * Replacement scenarios: drafts edited with a version (409 when stale), runs of the optimiser as
 * jobs (HiGHS in a worker thread, progress in the run row), the plan, approval (immutable from
 * then on, one current plan per start year), copies, and comparison. Every change, run and
 * approval is audited.
 */
@Injectable()
export class ScenariosService implements OnApplicationShutdown {
  private readonly logger = new Logger(ScenariosService.name);
  private readonly jobs = new Set<Promise<void>>();
  private readonly workers = new Set<WorkerSolver>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly fleet: ScenarioFleetService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    await Promise.allSettled([...this.jobs]);
  }

  /** Resolves when every run started so far has finished (tests, the demo loader). */
  async idle(): Promise<void> {
    while (this.jobs.size) await Promise.allSettled([...this.jobs]);
  }

  // -------------------------------------------------------------- reading

  async list(q: ScenarioListQuery): Promise<Paged<ScenarioListItem>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const sorts: Record<string, string> = {
      name: 's.name',
      startYear: 's.start_year',
      state: 's.state',
      updatedAt: 's.updated_at',
    };
    const raw = q.sort ?? '-updatedAt';
    const desc = raw.startsWith('-');
    const col = sorts[desc ? raw.slice(1) : raw];
    if (!col)
      throw invalid([
        {
          field: 'sort',
          message: `sort must be one of ${Object.keys(sorts).join(', ')}, optionally prefixed with -`,
        },
      ]);
    const params: unknown[] = [];
    const where: string[] = ['true'];
    if (q.state?.length) {
      params.push(q.state);
      where.push(`s.state = ANY($${params.length}::varchar[])`);
    }
    if (q.startYear !== undefined) {
      params.push(q.startYear);
      where.push(`s.start_year = $${params.length}`);
    }
    const rows: {
      id: string;
      name: string;
      start_year: number;
      horizon_years: number;
      state: ScenarioState;
      version: number;
      updated_at: Date;
      total_cap: string;
      last_status: ScenarioRunStatus | null;
      total_spend: string | null;
      current: boolean | null;
      total: string;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.name, s.start_year, s.horizon_years, s.state, s.version, s.updated_at,
              (SELECT coalesce(sum(c::numeric), 0) FROM jsonb_array_elements_text(s.caps) c)::numeric(18,2)::text AS total_cap,
              lr.status AS last_status, lr.total_spend::text AS total_spend, a.is_current AS current,
              count(*) OVER () AS total
         FROM scenarios s
         LEFT JOIN LATERAL (SELECT r.status, r.total_spend FROM scenario_runs r WHERE r.scenario_id = s.id
                             ORDER BY r.started_at DESC LIMIT 1) lr ON true
         LEFT JOIN scenario_approvals a ON a.scenario_id = s.id
        WHERE ${where.join(' AND ')}
        ORDER BY ${col} ${desc ? 'DESC' : 'ASC'}, s.id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        startYear: r.start_year,
        horizonYears: r.horizon_years,
        state: r.state,
        version: r.version,
        updatedAt: r.updated_at.toISOString(),
        totalCap: money2(r.total_cap),
        lastRunStatus: r.last_status,
        totalSpend: r.total_spend === null ? null : money2(r.total_spend),
        current: r.current === true,
      })),
      total: rows.length ? Number(rows[0]!.total) : 0,
      page,
      pageSize,
    };
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<ScenarioResponse> {
    const s = await em.getRepository(ScenarioEntity).findOneBy({ id });
    if (!s) throw notFound(id);
    const [run, approval] = await Promise.all([
      this.lastRun(em, id),
      em.getRepository(ScenarioApprovalEntity).findOneBy({ scenarioId: id }),
    ]);
    return {
      id: s.id,
      ...inputsOf(s),
      state: s.state,
      version: s.version,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      lastRun: run ? runResponse(run) : null,
      approval: approval
        ? {
            approvedAt: approval.approvedAt.toISOString(),
            approvedById: approval.approvedById,
            approvedByEmail: approval.approvedByEmail,
            runId: approval.runId,
            current: approval.isCurrent,
          }
        : null,
    };
  }

  private lastRun(em: EntityManager, scenarioId: string): Promise<ScenarioRunEntity | null> {
    return em
      .getRepository(ScenarioRunEntity)
      .findOne({ where: { scenarioId }, order: { startedAt: 'DESC' } });
  }

  async run(scenarioId: string, runId: string): Promise<ScenarioRunResponse> {
    const r = await this.dataSource
      .getRepository(ScenarioRunEntity)
      .findOneBy({ id: runId, scenarioId });
    if (!r)
      throw new ScenarioException(
        ScenarioErrorCode.RUN_NOT_FOUND,
        `No run ${runId} of scenario ${scenarioId}.`,
      );
    return runResponse(r);
  }

  // -------------------------------------------------------------- writing

  async create(dto: CreateScenarioDto): Promise<ScenarioResponse> {
    const inputs: ScenarioInputs = {
      name: dto.name,
      startYear: dto.startYear,
      horizonYears: dto.horizonYears,
      caps: dto.caps.map(money2),
      carryOver: dto.carryOver,
      escalationPct: dto.escalationPct ?? null,
      weights: (dto.weights as PriorityWeights | null | undefined) ?? null,
      targets: (dto.targets ?? []).map((t) => ({
        kind: t.kind,
        year: t.year,
        modality: t.modality ?? null,
      })),
      pins: (dto.pins ?? []).map((p) => ({ deviceId: p.deviceId, year: p.year })),
      exclusions: dto.exclusions ?? [],
      removals: dto.removals ?? [],
    };
    return this.dataSource.transaction(async (em) => {
      await this.assertValid(em, inputs);
      const repo = em.getRepository(ScenarioEntity);
      const saved = await repo.save(repo.create(this.columns(inputs)));
      await this.audit.record(em, {
        action: AuditAction.CREATE,
        entityType: 'scenario',
        entityId: saved.id,
        before: null,
        after: { ...inputs, state: saved.state },
      });
      return this.get(saved.id, em);
    });
  }

  private columns(i: ScenarioInputs): Partial<ScenarioEntity> {
    return {
      name: i.name,
      startYear: i.startYear,
      horizonYears: i.horizonYears,
      caps: i.caps,
      carryOver: i.carryOver,
      escalationPct: i.escalationPct === null ? null : i.escalationPct.toFixed(2),
      weights: i.weights,
      targets: i.targets,
      pins: i.pins,
      exclusions: i.exclusions,
      removals: i.removals,
    };
  }

  async update(id: string, dto: UpdateScenarioDto): Promise<ScenarioResponse> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ScenarioEntity);
      const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound(id);
      assertVersion('scenario', dto.version, s.version);
      this.assertDraft(s);
      const before = inputsOf(s);
      const next: ScenarioInputs = {
        name: dto.name ?? before.name,
        startYear: dto.startYear ?? before.startYear,
        horizonYears: dto.horizonYears ?? before.horizonYears,
        caps: dto.caps ? dto.caps.map(money2) : before.caps,
        carryOver: dto.carryOver ?? before.carryOver,
        escalationPct: dto.escalationPct !== undefined ? dto.escalationPct : before.escalationPct,
        weights:
          dto.weights !== undefined
            ? ((dto.weights as PriorityWeights | null) ?? null)
            : before.weights,
        targets: dto.targets
          ? dto.targets.map((t) => ({ kind: t.kind, year: t.year, modality: t.modality ?? null }))
          : before.targets,
        pins: dto.pins
          ? dto.pins.map((p) => ({ deviceId: p.deviceId, year: p.year }))
          : before.pins,
        exclusions: dto.exclusions ?? before.exclusions,
        removals: dto.removals ?? before.removals,
      };
      await this.assertValid(em, next);
      if (JSON.stringify(before) !== JSON.stringify(next)) {
        Object.assign(s, this.columns(next));
        await repo.save(s);
        await this.audit.record(em, {
          action: AuditAction.UPDATE,
          entityType: 'scenario',
          entityId: id,
          before: { ...before },
          after: { ...next },
        });
      }
      return this.get(id, em);
    });
  }

  /** A new draft with the same inputs (how an approved plan is revised). */
  async copy(id: string, name?: string): Promise<ScenarioResponse> {
    return this.dataSource.transaction(async (em) => {
      const s = await em.getRepository(ScenarioEntity).findOneBy({ id });
      if (!s) throw notFound(id);
      const inputs = { ...inputsOf(s), name: name ?? `${s.name} (copy)`.slice(0, 200) };
      const repo = em.getRepository(ScenarioEntity);
      const saved = await repo.save(repo.create(this.columns(inputs)));
      await this.audit.record(em, {
        action: AuditAction.CREATE,
        entityType: 'scenario',
        entityId: saved.id,
        before: null,
        after: { ...inputs, state: saved.state, copiedFrom: id },
      });
      return this.get(saved.id, em);
    });
  }

  async approve(user: AuthUser, id: string, version: number): Promise<ScenarioResponse> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ScenarioEntity);
      const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound(id);
      assertVersion('scenario', version, s.version);
      this.assertDraft(s);
      const run = await this.lastRun(em, id);
      if (!run || run.status !== ScenarioRunStatus.SUCCEEDED || run.scenarioVersion !== s.version)
        throw new ScenarioException(
          ScenarioErrorCode.PLAN_OUTDATED,
          'Only a scenario whose latest run of its current inputs found a plan can be approved: run it first.',
        );
      // Serialise approvals of one start year, then supersede the current one.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `scenario-approval:${s.startYear}`,
      ]);
      const superseded: { scenario_id: string }[] = await em.query(
        'UPDATE scenario_approvals SET is_current = false WHERE start_year = $1 AND is_current RETURNING scenario_id',
        [s.startYear],
      );
      const rows: { device_id: string | null; modality: string; year: number; price: string }[] =
        await em.query(
          'SELECT device_id, modality, year, price::text AS price FROM scenario_plan_rows WHERE run_id = $1 ORDER BY year, modality, device_id',
          [run.id],
        );
      const snapshot: ApprovalSnapshot = {
        inputs: inputsOf(s),
        schedule: rows.map((r) => ({
          deviceId: r.device_id,
          modality: r.modality,
          year: r.year,
          price: r.price,
        })),
      };
      await em.getRepository(ScenarioApprovalEntity).insert({
        scenarioId: id,
        runId: run.id,
        startYear: s.startYear,
        isCurrent: true,
        approvedById: user.id,
        approvedByEmail: user.email,
        snapshot,
      });
      s.state = ScenarioState.APPROVED;
      await repo.save(s);
      await this.audit.record(em, {
        action: AuditAction.UPDATE,
        entityType: 'scenario',
        entityId: id,
        before: { state: ScenarioState.DRAFT },
        after: {
          state: ScenarioState.APPROVED,
          approvedRun: run.id,
          supersedes: superseded.map((x) => x.scenario_id),
        },
      });
      return this.get(id, em);
    });
  }

  private assertDraft(s: ScenarioEntity): void {
    if (s.state === ScenarioState.APPROVED)
      throw new ScenarioException(
        ScenarioErrorCode.SCENARIO_APPROVED,
        `Scenario "${s.name}" is approved and cannot change. Copy it as a new draft to revise it.`,
      );
  }

  /** Rules a DTO cannot state alone: years inside the horizon, devices that exist, no contradictions. */
  private async assertValid(em: EntityManager, i: ScenarioInputs): Promise<void> {
    const errors: FieldError[] = [];
    const first = i.startYear;
    const last = i.startYear + i.horizonYears - 1;
    if (i.caps.length !== i.horizonYears)
      errors.push({
        field: 'caps',
        message: `caps must give one cap for each of the ${i.horizonYears} years`,
      });
    i.targets.forEach((t, k) => {
      if (t.year < first || t.year > last)
        errors.push({
          field: `targets.${k}.year`,
          message: `year must be within the horizon, ${first}–${last}`,
        });
      if (
        (t.kind === ScenarioTargetKind.ANALOGUE_OUT ||
          t.kind === ScenarioTargetKind.NO_PAST_LIFE) &&
        t.modality
      )
        errors.push({
          field: `targets.${k}.modality`,
          message: `${t.kind} applies to the whole fleet: leave modality empty`,
        });
    });
    const pinned = new Set<string>();
    i.pins.forEach((p, k) => {
      if (p.year < first || p.year > last)
        errors.push({
          field: `pins.${k}.year`,
          message: `year must be within the horizon, ${first}–${last}`,
        });
      if (pinned.has(p.deviceId))
        errors.push({ field: `pins.${k}.deviceId`, message: 'a device may be pinned once' });
      pinned.add(p.deviceId);
    });
    const excluded = new Set(i.exclusions);
    const removed = new Set(i.removals);
    i.pins.forEach((p, k) => {
      if (excluded.has(p.deviceId) || removed.has(p.deviceId))
        errors.push({
          field: `pins.${k}.deviceId`,
          message: 'a pinned device cannot be excluded or removed',
        });
    });
    i.removals.forEach((d, k) => {
      if (excluded.has(d))
        errors.push({
          field: `removals.${k}`,
          message: 'a device cannot be both excluded and removed',
        });
    });
    const ids = [...new Set([...pinned, ...excluded, ...removed])];
    if (ids.length) {
      const found: { id: string }[] = await em.query(
        `SELECT id FROM devices WHERE id = ANY($1::uuid[]) AND status <> 'DECOMMISSIONED' AND status <> 'PLANNED'`,
        [ids],
      );
      const known = new Set(found.map((f) => f.id));
      const check = (field: string, list: string[]) =>
        list.forEach((d, k) => {
          if (!known.has(d))
            errors.push({ field: `${field}.${k}`, message: `no installed device ${d}` });
        });
      check('exclusions', i.exclusions);
      check('removals', i.removals);
      i.pins.forEach((p, k) => {
        if (!known.has(p.deviceId))
          errors.push({
            field: `pins.${k}.deviceId`,
            message: `no installed device ${p.deviceId}`,
          });
      });
    }
    if (errors.length) throw invalid(errors);
  }

  // -------------------------------------------------------------- runs

  /** Starts a run as a job; the answer is the queued run, whose progress the client polls. */
  async startRun(id: string, solve?: SolveFn): Promise<ScenarioRunResponse> {
    const run = await this.dataSource.transaction(async (em) => {
      const s = await em
        .getRepository(ScenarioEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound(id);
      this.assertDraft(s);
      const active = await em
        .getRepository(ScenarioRunEntity)
        .findOne({ where: ACTIVE.map((status) => ({ scenarioId: id, status })) });
      if (active)
        throw new ScenarioException(
          ScenarioErrorCode.RUN_IN_PROGRESS,
          `Scenario "${s.name}" is already running (run ${active.id}).`,
          { runId: active.id },
        );
      const repo = em.getRepository(ScenarioRunEntity);
      const saved = await repo.save(
        repo.create({
          scenarioId: id,
          scenarioVersion: s.version,
          status: ScenarioRunStatus.QUEUED,
          progress: 0,
          stage: 'QUEUED',
        }),
      );
      await this.audit.record(em, {
        action: AuditAction.CREATE,
        entityType: 'scenario-run',
        entityId: saved.id,
        before: null,
        after: { scenarioId: id, scenarioVersion: s.version, inputs: inputsOf(s) },
      });
      return { saved, inputs: inputsOf(s) };
    });
    const job = this.execute(run.saved.id, run.inputs, solve).finally(() => this.jobs.delete(job));
    this.jobs.add(job);
    return runResponse(run.saved);
  }

  private async progress(runId: string, progress: number, stage: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE scenario_runs SET progress = $2, stage = $3, status = $4 WHERE id = $1',
      [runId, progress, stage, ScenarioRunStatus.RUNNING],
    );
  }

  /** The job: load the fleet, solve in a worker thread, store the plan rows and the measures. */
  private async execute(runId: string, inputs: ScenarioInputs, solve?: SolveFn): Promise<void> {
    // The job keeps the request's context (AsyncLocalStorage), so its audit names the user who ran it.
    let worker: WorkerSolver | null = null;
    try {
      await this.progress(runId, 5, 'FLEET');
      const { problem, scored } = await this.fleet.load(inputs);
      if (!solve) {
        worker = new WorkerSolver();
        this.workers.add(worker);
      }
      const outcome = await solveScenario(problem, solve ?? worker!.solve, (pct, stage) =>
        this.progress(runId, pct, stage),
      );
      await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(ScenarioRunEntity);
        const run = await repo.findOneByOrFail({ id: runId });
        run.solver = outcome.report;
        run.finishedAt = new Date();
        run.progress = 100;
        run.stage = 'DONE';
        if (outcome.kind === 'INFEASIBLE') {
          run.status = ScenarioRunStatus.INFEASIBLE;
          run.infeasibility = outcome.infeasibility;
        } else {
          run.status = ScenarioRunStatus.SUCCEEDED;
          run.optimum = outcome.optimum;
          run.byScore = outcome.byScore;
          run.totalSpend = outcome.optimum.totalSpend;
          const byId = new Map(scored.map((s) => [s.item.deviceId, s.item]));
          const rows: PlanRowInsert[] = [];
          for (const [i, t] of outcome.schedule.replace) {
            const d = problem.devices[i]!;
            const item = byId.get(d.id)!;
            const why = reasonOf(outcome.prep, i);
            rows.push({
              runId,
              deviceId: d.id,
              modality: d.modality,
              year: problem.startYear + t,
              price: escalatedPrice(problem, d.price!, t).toFixed(2),
              reason: why.reason,
              target: why.target,
              score: item.score.toFixed(2),
              factors: item.factors,
            });
          }
          for (const i of outcome.prep.removed) {
            const d = problem.devices[i]!;
            const item = byId.get(d.id)!;
            rows.push({
              runId,
              deviceId: d.id,
              modality: d.modality,
              year: problem.startYear,
              price: '0.00',
              reason: PlanReason.REMOVAL,
              target: null,
              score: item.score.toFixed(2),
              factors: item.factors,
            });
          }
          for (const a of outcome.schedule.added) {
            const c = problem.capacity.find((x) => x.modality === a.modality)!;
            for (let k = 0; k < a.count; k++)
              rows.push({
                runId,
                deviceId: null,
                modality: a.modality,
                year: problem.startYear + a.t,
                price: escalatedPrice(problem, c.price!, a.t).toFixed(2),
                reason: PlanReason.NEW_CAPACITY,
                target:
                  problem.targets.find(
                    (x) =>
                      x.kind === ScenarioTargetKind.CAPACITY &&
                      (!x.modality || x.modality === a.modality),
                  ) ?? null,
                score: null,
                factors: [],
              });
          }
          await bulkInsert(em, 'scenario_plan_rows', PLAN_ROW_COLUMNS, rows);
        }
        await repo.save(run);
        await this.audit.record(em, {
          action: AuditAction.UPDATE,
          entityType: 'scenario-run',
          entityId: runId,
          before: { status: ScenarioRunStatus.RUNNING },
          after: {
            status: run.status,
            totalSpend: run.totalSpend,
            gapPct: outcome.report.gapPct,
            solveMs: outcome.report.solveMs,
          },
        });
      });
    } catch (e) {
      this.logger.error(`scenario run ${runId} failed: ${(e as Error).message}`);
      await this.dataSource
        .transaction(async (em) => {
          await em.query(
            `UPDATE scenario_runs SET status = $2, error = $3, finished_at = now(), stage = 'FAILED' WHERE id = $1`,
            [runId, ScenarioRunStatus.FAILED, (e as Error).message.slice(0, 2000)],
          );
          await this.audit.record(em, {
            action: AuditAction.UPDATE,
            entityType: 'scenario-run',
            entityId: runId,
            before: { status: ScenarioRunStatus.RUNNING },
            after: { status: ScenarioRunStatus.FAILED, error: (e as Error).message.slice(0, 500) },
          });
        })
        .catch(() => undefined);
    } finally {
      if (worker) {
        this.workers.delete(worker);
        await worker.close();
      }
    }
  }

  // -------------------------------------------------------------- plan

  /**
   * The plan of the scenario's latest run (the approved run once approved); 422 with the failing
   * target and the minimum budget when the targets cannot be met. Facility managers get the rows of
   * their own facilities only.
   */
  async plan(user: AuthUser, id: string): Promise<PlanResponse> {
    const scenario = await this.get(id);
    const repo = this.dataSource.getRepository(ScenarioRunEntity);
    const run = scenario.approval
      ? await repo.findOneByOrFail({ id: scenario.approval.runId })
      : await this.lastRun(this.dataSource.manager, id);
    if (!run)
      throw new ScenarioException(
        ScenarioErrorCode.NO_PLAN,
        `Scenario "${scenario.name}" has not been run yet.`,
      );
    if (run.status === ScenarioRunStatus.INFEASIBLE) {
      const inf = run.infeasibility!;
      throw new ScenarioException(ScenarioErrorCode.TARGETS_INFEASIBLE, inf.reason, {
        failingTarget: inf.failingTarget,
        minimumYearlyBudget: inf.minimumYearlyBudget,
        runId: run.id,
      });
    }
    if (run.status === ScenarioRunStatus.FAILED)
      throw new ScenarioException(
        ScenarioErrorCode.RUN_FAILED,
        `The last run failed: ${run.error ?? 'unknown error'}`,
        { runId: run.id },
      );
    if (run.status !== ScenarioRunStatus.SUCCEEDED)
      throw new ScenarioException(
        ScenarioErrorCode.RUN_IN_PROGRESS,
        `Scenario "${scenario.name}" is still running.`,
        { runId: run.id },
      );
    return { scenario, run: runResponse(run), rows: await this.rows(user, run.id) };
  }

  async rows(user: AuthUser | null, runId: string): Promise<PlanRow[]> {
    const own = user && user.role === Role.FACILITY_MANAGER ? user.facilityIds : null;
    const rows: {
      device_id: string | null;
      inventory_number: string | null;
      manufacturer: string | null;
      model: string | null;
      modality: PlanRow['modality'];
      technology: string | null;
      facility_id: string | null;
      facility_name: string | null;
      district: PlanRow['district'];
      year: number;
      price: string;
      reason: PlanReason;
      target: PlanRow['target'];
      score: string | null;
      factors: PlanRow['factors'];
    }[] = await this.dataSource.query(
      `SELECT r.device_id, d.inventory_number, d.manufacturer, d.model, r.modality, d.technology,
              d.facility_id, f.name AS facility_name, f.district, r.year, r.price::text AS price,
              r.reason, r.target, r.score::text AS score, r.factors
         FROM scenario_plan_rows r
         LEFT JOIN devices d ON d.id = r.device_id
         LEFT JOIN facilities f ON f.id = d.facility_id
        WHERE r.run_id = $1 AND ($2::uuid[] IS NULL OR d.facility_id = ANY($2::uuid[]))
        ORDER BY r.year, r.score DESC NULLS LAST, d.inventory_number NULLS LAST, r.modality`,
      [runId, own],
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      inventoryNumber: r.inventory_number,
      manufacturer: r.manufacturer,
      model: r.model,
      modality: r.modality,
      technology: r.technology,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      district: r.district,
      year: r.year,
      price: money2(r.price),
      reason: r.reason,
      target: r.target,
      score: r.score === null ? null : Number(r.score),
      factors: r.factors,
    }));
  }

  async compare(ids: string[]): Promise<ScenarioCompareResponse> {
    const scenarios = await Promise.all(ids.map((id) => this.get(id)));
    return {
      scenarios: await Promise.all(
        scenarios.map(async (s) => {
          const run = s.approval
            ? await this.dataSource
                .getRepository(ScenarioRunEntity)
                .findOneByOrFail({ id: s.approval.runId })
            : await this.lastRun(this.dataSource.manager, s.id);
          return {
            id: s.id,
            name: s.name,
            state: s.state,
            startYear: s.startYear,
            horizonYears: s.horizonYears,
            caps: s.caps,
            run: run ? runResponse(run) : null,
          };
        }),
      ),
    };
  }
}
