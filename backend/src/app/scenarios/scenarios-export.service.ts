import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  PlanReason,
  type PlanResponse,
  type PlanRow,
  type PlanYearMeasures,
} from '@radfleet/shared';
import { XlsxReportWriter, type ReportColumn } from '../common/spreadsheet/index.js';
import { MODALITY_LABELS } from '../devices/index.js';

export type Language = 'ru' | 'en';

const T = {
  ru: {
    summary: 'Сводка',
    years: 'По годам',
    schedule: 'График замен',
    title: 'План замены',
    name: 'Сценарий',
    state: 'Состояние',
    startYear: 'Первый год',
    horizon: 'Горизонт, лет',
    carryOver: 'Перенос остатка бюджета',
    escalation: 'Удорожание в год',
    targets: 'Цели',
    solver: 'Решатель',
    status: 'Статус решения',
    method: 'Метод',
    gap: 'Разрыв до оценки ЛП',
    solveTime: 'Время решения, с',
    objective: 'Целевая функция (оптимум)',
    objectiveByScore: 'Целевая функция (по баллу)',
    pastLife: 'Устройство-лет сверх срока (оптимум)',
    pastLifeByScore: 'Устройство-лет сверх срока (по баллу)',
    meanAge: 'Средний возраст на горизонте, лет',
    totalSpend: 'Всего затрат',
    year: 'Год',
    cap: 'Лимит',
    spend: 'Затраты',
    left: 'Остаток бюджета',
    replacements: 'Замен',
    newDevices: 'Новых устройств',
    analogueLeft: 'Аналоговых осталось',
    pastLifeYear: 'Сверх срока службы',
    meanAgeYear: 'Средний возраст, лет',
    upTo5: 'До 5 лет',
    from6to10: '6–10 лет',
    over10: 'Старше 10 лет',
    cocir: 'Правила COCIR выполнены',
    inventory: 'Инв. номер',
    modality: 'Модальность',
    facility: 'Учреждение',
    district: 'Округ',
    manufacturer: 'Производитель',
    model: 'Модель',
    plannedYear: 'Плановый год',
    price: 'Цена',
    reason: 'Причина',
    score: 'Балл',
    none: 'нет',
  },
  en: {
    summary: 'Summary',
    years: 'Years',
    schedule: 'Schedule',
    title: 'Replacement plan',
    name: 'Scenario',
    state: 'State',
    startYear: 'Start year',
    horizon: 'Horizon, years',
    carryOver: 'Unspent budget carries over',
    escalation: 'Yearly escalation',
    targets: 'Targets',
    solver: 'Solver',
    status: 'Solver status',
    method: 'Method',
    gap: 'Gap to the LP bound',
    solveTime: 'Solve time, s',
    objective: 'Objective (optimum)',
    objectiveByScore: 'Objective (by score)',
    pastLife: 'Device-years past life (optimum)',
    pastLifeByScore: 'Device-years past life (by score)',
    meanAge: 'Mean age at the horizon, years',
    totalSpend: 'Total spend',
    year: 'Year',
    cap: 'Cap',
    spend: 'Spend',
    left: 'Budget left',
    replacements: 'Replacements',
    newDevices: 'New devices',
    analogueLeft: 'Analogue left',
    pastLifeYear: 'Past service life',
    meanAgeYear: 'Mean age, years',
    upTo5: 'Up to 5 years',
    from6to10: '6–10 years',
    over10: 'Over 10 years',
    cocir: 'COCIR rules met',
    inventory: 'Inventory number',
    modality: 'Modality',
    facility: 'Facility',
    district: 'District',
    manufacturer: 'Manufacturer',
    model: 'Model',
    plannedYear: 'Planned year',
    price: 'Price',
    reason: 'Reason',
    score: 'Score',
    none: 'none',
  },
} as const;

export const REASON_LABELS: Record<PlanReason, { ru: string; en: string }> = {
  [PlanReason.SCORE]: { ru: 'Балл приоритета', en: 'Priority score' },
  [PlanReason.PIN]: { ru: 'Закреплено за годом', en: 'Pinned to the year' },
  [PlanReason.TARGET]: { ru: 'Цель сценария', en: 'Scenario target' },
  [PlanReason.NEW_CAPACITY]: { ru: 'Новое устройство для мощности', en: 'New device for capacity' },
  [PlanReason.REMOVAL]: { ru: 'Вывод без замены', en: 'Removed without replacement' },
};

const pct = (v: number | null) => (v === null ? null : v / 100);

/** `plan.xlsx`: a summary of inputs, measures and the solver's report; one row a year; the device schedule. */
@Injectable()
export class ScenariosExportService {
  async export(plan: PlanResponse, lang: Language, out: Writable): Promise<void> {
    const t = T[lang];
    const { scenario, run } = plan;
    const o = run.optimum!;
    const b = run.byScore!;
    const report = new XlsxReportWriter(out, { language: lang });
    report.addSummarySheet(t.summary, {
      title: `${t.title}: ${scenario.name}`,
      items: [
        { label: t.name, value: scenario.name },
        { label: t.state, value: scenario.state },
        { label: t.startYear, value: scenario.startYear, type: 'integer', numFmt: '0' },
        { label: t.horizon, value: scenario.horizonYears, type: 'integer' },
        { label: t.carryOver, value: scenario.carryOver, type: 'boolean' },
        { label: t.escalation, value: pct(scenario.escalationPct), type: 'percent' },
        {
          label: t.targets,
          value: scenario.targets.length
            ? scenario.targets
                .map((x) => `${x.kind}${x.modality ? ` ${x.modality}` : ''} ${x.year}`)
                .join('; ')
            : t.none,
        },
        { label: t.totalSpend, value: o.totalSpend, type: 'money' },
        { label: t.objective, value: o.objective, type: 'decimal' },
        { label: t.objectiveByScore, value: b.objective, type: 'decimal' },
        { label: t.pastLife, value: o.deviceYearsPastLife, type: 'integer' },
        { label: t.pastLifeByScore, value: b.deviceYearsPastLife, type: 'integer' },
        { label: t.meanAge, value: o.meanAgeAtHorizon, type: 'decimal' },
        { label: t.solver, value: run.solver?.solver ?? null },
        { label: t.status, value: run.solver?.status ?? null },
        { label: t.method, value: run.solver?.method ?? null },
        { label: t.gap, value: pct(run.solver?.gapPct ?? null), type: 'percent', numFmt: '0.00%' },
        {
          label: t.solveTime,
          value: run.solver ? run.solver.solveMs / 1000 : null,
          type: 'decimal',
        },
      ],
    });
    const years: ReportColumn<PlanYearMeasures>[] = [
      { header: t.year, type: 'integer', numFmt: '0', value: (y) => y.year },
      { header: t.cap, type: 'money', value: (y) => y.cap },
      { header: t.spend, type: 'money', value: (y) => y.spend },
      { header: t.left, type: 'money', value: (y) => y.budgetLeft },
      { header: t.replacements, type: 'integer', value: (y) => y.replacements },
      { header: t.newDevices, type: 'integer', value: (y) => y.newDevices },
      { header: t.analogueLeft, type: 'integer', value: (y) => y.analogueLeft },
      { header: t.pastLifeYear, type: 'integer', value: (y) => y.pastLife },
      { header: t.meanAgeYear, type: 'decimal', value: (y) => y.meanAge },
      { header: t.upTo5, type: 'percent', value: (y) => pct(y.cocir.upTo5Pct) },
      { header: t.from6to10, type: 'percent', value: (y) => pct(y.cocir.from6to10Pct) },
      { header: t.over10, type: 'percent', value: (y) => pct(y.cocir.over10Pct) },
      { header: t.cocir, type: 'boolean', value: (y) => y.cocir.compliant },
    ];
    await report.addSheet(t.years, years).addRows(o.years);
    const rows: ReportColumn<PlanRow>[] = [
      { header: t.plannedYear, type: 'integer', numFmt: '0', value: (r) => r.year },
      { header: t.inventory, type: 'string', value: (r) => r.inventoryNumber },
      { header: t.modality, type: 'string', value: (r) => MODALITY_LABELS[r.modality][lang] },
      { header: t.facility, type: 'string', value: (r) => r.facilityName },
      { header: t.district, type: 'string', value: (r) => r.district },
      { header: t.manufacturer, type: 'string', value: (r) => r.manufacturer },
      { header: t.model, type: 'string', value: (r) => r.model },
      { header: t.price, type: 'money', value: (r) => r.price },
      { header: t.reason, type: 'string', value: (r) => REASON_LABELS[r.reason][lang] },
      { header: t.score, type: 'decimal', value: (r) => r.score },
    ];
    await report.addSheet(t.schedule, rows).addRows(plan.rows);
    await report.finish();
  }
}
