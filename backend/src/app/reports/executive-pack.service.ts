import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  addMonths,
  ageProfileChart,
  chartTitle,
  digitalShareChart,
  DISTRICT_NAMES,
  KPI_DEFINITIONS,
  KpiKey,
  KpiRag,
  KpiUnit,
  MODALITY_LABELS,
  monthlyStudiesChart,
  PackScope,
  ragFigure,
  twelveMonthsTo,
  UtilisationGroupBy,
  utilisationHeatChart,
  type District,
  type ExecutiveDashboardResponse,
  type Kpi,
  type Modality,
} from '@radfleet/shared';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { cityToday } from '../common/calendar.js';
import { REPORT_NUMBER_FORMATS } from '../common/spreadsheet/index.js';
import { DashboardService, type DashboardFilter } from '../dashboard/index.js';
import { figures, groupFiguresSql, type FigureRow } from '../utilisation/index.js';
import { renderChartPng } from './chart-renderer.js';
import { ReportsErrorCode, ReportsException } from './reports.exception.js';
import { addPictures } from './xlsx-images.js';

export type PackLang = 'ru' | 'en';

/** What a pack covers: the city, or a facility manager's facilities. */
export interface PackTarget {
  scope: PackScope;
  facilityIds: string[];
}

const T = {
  ru: {
    title: 'RadFleet — отчёт руководителя',
    sheets: {
      summary: 'Сводка',
      fleet: 'Парк',
      age: 'Возраст и COCIR',
      utilisation: 'Загрузка',
      contracts: 'Контракты и SLA',
    },
    asOf: 'Данные на',
    month: 'Месяц',
    scopeCity: 'Охват: весь город',
    scopeFacilities: 'Охват: учреждения',
    kpi: 'Показатель',
    value: 'Значение',
    unit: 'Ед.',
    previous: 'Год назад',
    change: 'Изменение',
    judged: 'Оценивается по',
    green: 'Зелёный от',
    amber: 'Жёлтый от',
    status: 'Статус',
    rag: { GREEN: 'зелёный', AMBER: 'жёлтый', RED: 'красный' },
    units: { COUNT: 'шт.', PERCENT: '%', YEARS: 'лет', RUB: '₽' },
    kpis: {
      INSTALLED_DEVICES: 'Установленный парк, устройств',
      DIGITAL_SHARE: 'Доля цифровых',
      COCIR_COMPLIANCE: 'Модальности, соответствующие COCIR',
      MEDIAN_AGE: 'Медианный возраст',
      UTILISATION_12M: 'Загрузка за 12 месяцев',
      STUDIES_YTD: 'Исследования с начала года',
      CONTRACTS_EXPIRING_90: 'Контракты, истекающие в 90 дней',
      SLA_BREACHES: 'Нарушения SLA за последний период',
      SLA_PENALTIES: 'Штрафы за нарушения SLA',
    } as Record<KpiKey, string>,
    district: 'Округ',
    modality: 'Модальность',
    devices: 'Устройств',
    digital: 'Цифровых',
    analogue: 'Аналоговых',
    digitalShare: 'Доля цифровых, %',
    total: 'Итого',
    upTo5: 'До 5 лет',
    from6to10: '6–10 лет',
    over10: 'Старше 10 лет',
    upTo5Pct: 'До 5 лет, %',
    from6to10Pct: '6–10 лет, %',
    over10Pct: 'Старше 10 лет, %',
    compliant: 'Соответствует COCIR',
    yes: 'Да',
    no: 'Нет',
    facility: 'Учреждение',
    util12: 'Загрузка за 12 мес., %',
    studies12: 'Исследований за 12 мес.',
    capacity12: 'Мощность за 12 мес.',
    utilNote: 'Загрузка, % по месяцам; пусто — нет данных.',
    section: 'Раздел',
    expiring: 'Истекает',
    breach: 'Нарушение SLA',
    contract: 'Контракт',
    supplier: 'Поставщик',
    endDate: 'Окончание',
    contractValue: 'Стоимость',
    periodFrom: 'Период с',
    periodTo: 'Период по',
    penaltyDays: 'Дней нарушения',
    penalty: 'Штраф',
    breachedDevices: 'Устройств с нарушением',
    noData: 'нет данных',
  },
  en: {
    title: 'RadFleet — executive report',
    sheets: {
      summary: 'Summary',
      fleet: 'Fleet',
      age: 'Age profile and COCIR',
      utilisation: 'Utilisation',
      contracts: 'Contracts and SLA',
    },
    asOf: 'Figures as of',
    month: 'Month',
    scopeCity: 'Scope: the whole city',
    scopeFacilities: 'Scope: facilities',
    kpi: 'Indicator',
    value: 'Value',
    unit: 'Unit',
    previous: 'A year earlier',
    change: 'Change',
    judged: 'Judged on',
    green: 'Green from',
    amber: 'Amber from',
    status: 'Status',
    rag: { GREEN: 'green', AMBER: 'amber', RED: 'red' },
    units: { COUNT: 'count', PERCENT: '%', YEARS: 'years', RUB: 'RUB' },
    kpis: {
      INSTALLED_DEVICES: 'Installed devices',
      DIGITAL_SHARE: 'Digital share',
      COCIR_COMPLIANCE: 'Modalities meeting COCIR',
      MEDIAN_AGE: 'Median age',
      UTILISATION_12M: 'Utilisation over 12 months',
      STUDIES_YTD: 'Studies year to date',
      CONTRACTS_EXPIRING_90: 'Contracts expiring within 90 days',
      SLA_BREACHES: 'SLA breaches in the last period',
      SLA_PENALTIES: 'SLA penalties',
    } as Record<KpiKey, string>,
    district: 'District',
    modality: 'Modality',
    devices: 'Devices',
    digital: 'Digital',
    analogue: 'Analogue',
    digitalShare: 'Digital share, %',
    total: 'Total',
    upTo5: 'Up to 5 years',
    from6to10: '6–10 years',
    over10: 'Over 10 years',
    upTo5Pct: 'Up to 5 years, %',
    from6to10Pct: '6–10 years, %',
    over10Pct: 'Over 10 years, %',
    compliant: 'Meets COCIR',
    yes: 'Yes',
    no: 'No',
    facility: 'Facility',
    util12: 'Utilisation 12 months, %',
    studies12: 'Studies 12 months',
    capacity12: 'Capacity 12 months',
    utilNote: 'Utilisation % by month; blank: no data.',
    section: 'Section',
    expiring: 'Expiring',
    breach: 'SLA breach',
    contract: 'Contract',
    supplier: 'Supplier',
    endDate: 'End date',
    contractValue: 'Value',
    periodFrom: 'Period from',
    periodTo: 'Period to',
    penaltyDays: 'Days of breach',
    penalty: 'Penalty',
    breachedDevices: 'Devices in breach',
    noData: 'no data',
  },
} as const;

/** The sheet names of a pack, in order. */
export function packSheetNames(lang: PackLang): string[] {
  return Object.values(T[lang].sheets);
}

/** The sheets that carry a chart picture. */
export function packChartSheetNames(lang: PackLang): string[] {
  const s = T[lang].sheets;
  return [s.fleet, s.age, s.utilisation];
}

/**
 * Text a user typed (facility and supplier names, contract numbers) that a spreadsheet could take
 * for a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return — gets a leading
 * apostrophe, as OWASP advises for CSV and spreadsheet exports.
 */
export function escapeFormulaText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE4EE' },
};
const RAG_FILL: Record<KpiRag, ExcelJS.Fill> = {
  [KpiRag.GREEN]: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC8E6C9' } },
  [KpiRag.AMBER]: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFE0B2' } },
  [KpiRag.RED]: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFCDD2' } },
};
const FMT = {
  int: REPORT_NUMBER_FORMATS.integer!,
  money: REPORT_NUMBER_FORMATS.money!,
  date: REPORT_NUMBER_FORMATS.date!,
  one: '0.0',
};
const CHART = { width: 900, height: 450 };

/** A calendar date as exceljs writes dates: its UTC fields hold the day. */
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The report date of a month: its last day, or today while the month is running. */
export function packAsOf(month: string, today = cityToday()): string {
  const last = addDays(addMonths(`${month}-01`, 1), -1);
  return last < today ? last : today;
}

/** The month before today's, `YYYY-MM`: what the schedule builds. */
export function previousMonth(today = cityToday()): string {
  return addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/** Everything a pack shows, read and rendered before the first byte is written. */
export interface PackContent {
  month: string;
  lang: PackLang;
  dashboard: ExecutiveDashboardResponse;
  facilities: FacilityMonths[];
  /** The facilities of a facility pack, by name; empty for the city. */
  names: string[];
  charts: { fleet: Buffer; age: Buffer; heat: Buffer; studies: Buffer };
}

interface FacilityMonths {
  id: string;
  name: string;
  district: District;
  months: (number | null)[];
  studies: number;
  capacity: number;
  pct: number | null;
}

/**
 * The executive report pack (README "Reports"): Summary, Fleet, Age profile and COCIR, Utilisation,
 * Contracts and SLA, written with exceljs's streaming writer. Every figure is the dashboard's
 * (DashboardService, the same definitions) or the utilisation rollup's; every chart is the
 * shared chart.js configuration the web page draws, rendered to PNG on the server.
 */
@Injectable()
export class ExecutivePackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dashboard: DashboardService,
  ) {}

  /** Checks the month before anything is written: not before 2000, not after the current one. */
  assertMonth(month: string, today = cityToday()): void {
    if (month > today.slice(0, 7) || month < '2000-01') {
      throw new ReportsException(
        ReportsErrorCode.INVALID_MONTH,
        `There is no pack for ${month} yet: pick a month up to ${today.slice(0, 7)}.`,
        { errors: [{ field: 'month', message: 'month must not be in the future' }] },
      );
    }
  }

  /**
   * Reads every figure and renders every chart of the pack of `month`; `progress` hears 0–80 as
   * it goes. Nothing is written yet, so a failure here leaves any output untouched.
   */
  async prepare(
    month: string,
    lang: PackLang,
    target: PackTarget,
    progress: (pct: number) => void = () => undefined,
  ): Promise<PackContent> {
    this.assertMonth(month);
    const asOf = packAsOf(month);
    const filter: DashboardFilter =
      target.scope === PackScope.FACILITIES ? { facilityId: target.facilityIds } : {};
    const dashboard = await this.dashboard.executive(filter, asOf);
    progress(20);
    const facilities = await this.facilityMonths(filter, asOf, progress);
    progress(70);
    const [fleet, age, heat, studies] = await Promise.all([
      renderChartPng(digitalShareChart(dashboard, lang), CHART.width, CHART.height),
      renderChartPng(ageProfileChart(dashboard, lang), CHART.width, CHART.height),
      renderChartPng(utilisationHeatChart(dashboard, lang), CHART.width, CHART.height),
      renderChartPng(monthlyStudiesChart(dashboard, lang), CHART.width, CHART.height),
    ]);
    progress(80);
    const names =
      target.scope === PackScope.FACILITIES ? await this.facilityNames(target.facilityIds) : [];
    return { month, lang, dashboard, facilities, names, charts: { fleet, age, heat, studies } };
  }

  /** Writes a prepared pack to `out` with exceljs's streaming writer; resolves once all is written. */
  async writeWorkbook(c: PackContent, out: Writable): Promise<void> {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    wb.creator = 'RadFleet';
    this.summary(wb, c.dashboard, c.lang, c.month, c.names);
    this.fleet(wb, c.dashboard, c.lang, c.charts.fleet);
    this.ages(wb, c.dashboard, c.lang, c.charts.age);
    this.utilisation(wb, c.dashboard, c.lang, c.facilities, [c.charts.heat, c.charts.studies]);
    this.contracts(wb, c.dashboard, c.lang);
    await wb.commit();
  }

  /** Utilisation % per facility and month over the 12 months, and over the whole window. */
  private async facilityMonths(
    f: DashboardFilter,
    asOf: string,
    progress: (pct: number) => void,
  ): Promise<FacilityMonths[]> {
    const today = cityToday();
    const win = twelveMonthsTo(asOf);
    const filter = { facilityId: f.facilityId };
    const months = Array.from({ length: 12 }, (_, i) => {
      const from = addMonths(win.from, i);
      const end = addDays(addMonths(from, 1), -1);
      return { from, to: end < asOf ? end : asOf };
    });
    const run = (from: string, to: string): Promise<FigureRow[]> => {
      const q = groupFiguresSql(filter, from, to, UtilisationGroupBy.FACILITY, today);
      return this.dataSource.query(q.sql, q.params);
    };
    const whole = await run(win.from, win.to);
    const byFacility = new Map<string, FacilityMonths>();
    const info: { id: string; name: string; district: District }[] = await this.dataSource.query(
      'SELECT id::text, name, district FROM facilities WHERE id::text = ANY($1::text[])',
      [whole.map((r) => r.key)],
    );
    const names = new Map(info.map((i) => [i.id, i]));
    for (const r of whole) {
      const fig = figures(r);
      const i = names.get(r.key);
      byFacility.set(r.key, {
        id: r.key,
        name: i?.name ?? r.label,
        district: i?.district ?? ('' as District),
        months: new Array<number | null>(12).fill(null),
        studies: fig.studies,
        capacity: fig.capacityStudies,
        pct: fig.utilisationPct,
      });
    }
    // Two months at a time: the pool is shared with the app's requests.
    for (let i = 0; i < months.length; i += 2) {
      const batch = months.slice(i, i + 2);
      const results = await Promise.all(batch.map((m) => run(m.from, m.to)));
      results.forEach((rows, j) => {
        for (const r of rows) {
          const row = byFacility.get(r.key);
          if (row) row.months[i + j] = figures(r).utilisationPct;
        }
      });
      progress(20 + Math.round((50 * (i + 2)) / months.length));
    }
    return [...byFacility.values()].sort(
      (a, b) => a.district.localeCompare(b.district) || a.name.localeCompare(b.name),
    );
  }

  private async facilityNames(ids: string[]): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      'SELECT name FROM facilities WHERE id = ANY($1::uuid[]) ORDER BY name',
      [ids],
    );
    return rows.map((r) => r.name);
  }

  private sheet(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    headerRow: number,
  ): ExcelJS.Worksheet {
    return wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
      pageSetup: {
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        paperSize: 9,
      },
    });
  }

  private header(ws: ExcelJS.Worksheet, labels: string[], firstNote?: string): void {
    const row = ws.addRow(labels);
    if (firstNote) row.getCell(1).note = firstNote;
    row.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { vertical: 'middle', wrapText: true };
      c.border = { bottom: { style: 'thin', color: { argb: 'FF8C9BB0' } } };
    });
    row.commit();
  }

  private summary(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    d: ExecutiveDashboardResponse,
    lang: PackLang,
    month: string,
    facilities: string[],
  ): void {
    const t = T[lang];
    const ws = this.sheet(wb, t.sheets.summary, 4);
    ws.columns = [
      { width: 42 },
      { width: 14 },
      { width: 8 },
      { width: 14 },
      { width: 12 },
      { width: 14 },
      { width: 12 },
      { width: 12 },
      { width: 12 },
    ];
    const title = ws.addRow([`${t.title}: ${month}`]);
    title.getCell(1).font = { bold: true, size: 14 };
    title.commit();
    const scope =
      facilities.length > 0
        ? `${t.scopeFacilities}: ${facilities.map(escapeFormulaText).join('; ')}`
        : t.scopeCity;
    const sub = ws.addRow([`${t.asOf} ${d.asOf.split('-').reverse().join('.')}. ${scope}`]);
    sub.getCell(1).font = { italic: true, color: { argb: 'FF595959' } };
    sub.commit();
    ws.addRow([]).commit();
    this.header(ws, [
      t.kpi,
      t.value,
      t.unit,
      t.previous,
      t.change,
      t.judged,
      t.green,
      t.amber,
      t.status,
    ]);
    const first = 5;
    d.kpis.forEach((k, i) => {
      const r = first + i;
      const fmt = numFmt(k);
      const row = ws.addRow([
        t.kpis[k.key],
        k.unit === KpiUnit.RUB ? Number(k.amount ?? 0) : k.value,
        t.units[k.unit],
        k.previous,
        k.change,
        ragFigure(k),
        k.target?.green ?? null,
        k.target?.amber ?? null,
        k.rag ? t.rag[k.rag] : k.value === null ? t.noData : null,
      ]);
      row.getCell(1).note = KPI_DEFINITIONS[k.key][lang];
      row.getCell(2).numFmt = fmt;
      row.getCell(4).numFmt = fmt;
      row.getCell(5).numFmt = k.key === KpiKey.STUDIES_YTD ? FMT.one : fmt;
      row.getCell(6).numFmt = k.key === KpiKey.STUDIES_YTD ? FMT.one : fmt;
      row.commit();
      if (k.target) {
        const op = k.target.higherIsBetter ? '>=' : '<=';
        const ref = `$F${r}`;
        ws.addConditionalFormatting({
          ref: `B${r}:B${r} I${r}:I${r}`,
          rules: [
            {
              type: 'expression',
              priority: 1,
              formulae: [`AND(ISNUMBER(${ref}),${ref}${op}$G${r})`],
              style: { fill: RAG_FILL.GREEN },
            },
            {
              type: 'expression',
              priority: 2,
              formulae: [`AND(ISNUMBER(${ref}),${ref}${op}$H${r})`],
              style: { fill: RAG_FILL.AMBER },
            },
            {
              type: 'expression',
              priority: 3,
              formulae: [`ISNUMBER(${ref})`],
              style: { fill: RAG_FILL.RED },
            },
          ],
        });
      }
    });
    ws.pageSetup.printArea = `A1:I${first + d.kpis.length - 1}`;
    ws.commit();
  }

  private fleet(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    d: ExecutiveDashboardResponse,
    lang: PackLang,
    png: Buffer,
  ): void {
    const t = T[lang];
    const ws = this.sheet(wb, t.sheets.fleet, 1);
    ws.columns = [
      { width: 22 },
      { width: 18 },
      { width: 11 },
      { width: 11 },
      { width: 11 },
      { width: 16 },
    ];
    this.header(ws, [t.district, t.modality, t.devices, t.digital, t.analogue, t.digitalShare]);
    for (const c of d.fleet) {
      const row = ws.addRow([
        districtName(c.district, lang),
        MODALITY_LABELS[c.modality][lang],
        c.devices,
        c.digital,
        c.devices - c.digital,
        c.digitalSharePct,
      ]);
      fmtRow(row, [null, null, FMT.int, FMT.int, FMT.int, FMT.one]);
      row.commit();
    }
    const installed = d.kpis.find((k) => k.key === KpiKey.INSTALLED_DEVICES)!.value ?? 0;
    const share = d.kpis.find((k) => k.key === KpiKey.DIGITAL_SHARE)!;
    const total = ws.addRow([
      t.total,
      null,
      installed,
      share.count,
      installed - (share.count ?? 0),
      share.value,
    ]);
    fmtRow(total, [null, null, FMT.int, FMT.int, FMT.int, FMT.one]);
    total.font = { bold: true };
    total.commit();
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 6 } };
    addPictures(wb, ws, [
      { png, col: 7, row: 0, ...CHART, description: chartTitle('digitalShare', lang) },
    ]);
    ws.pageSetup.printArea = `A1:R${Math.max(d.fleet.length + 2, 25)}`;
    ws.commit();
  }

  private ages(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    d: ExecutiveDashboardResponse,
    lang: PackLang,
    png: Buffer,
  ): void {
    const t = T[lang];
    const ws = this.sheet(wb, t.sheets.age, 1);
    ws.columns = [18, 11, 11, 11, 13, 11, 11, 13, 16].map((width) => ({ width }));
    this.header(ws, [
      t.modality,
      t.devices,
      t.upTo5,
      t.from6to10,
      t.over10,
      t.upTo5Pct,
      t.from6to10Pct,
      t.over10Pct,
      t.compliant,
    ]);
    const line = (label: string, r: ExecutiveDashboardResponse['cocirTotal'], bold = false) => {
      const row = ws.addRow([
        label,
        r.devices,
        r.upTo5,
        r.from6to10,
        r.over10,
        r.upTo5Pct,
        r.from6to10Pct,
        r.over10Pct,
        r.compliant === null ? null : r.compliant ? t.yes : t.no,
      ]);
      fmtRow(row, [null, FMT.int, FMT.int, FMT.int, FMT.int, FMT.one, FMT.one, FMT.one, null]);
      if (bold) row.font = { bold: true };
      row.commit();
    };
    for (const r of d.cocir) line(MODALITY_LABELS[r.key as Modality]?.[lang] ?? r.key, r);
    line(t.total, d.cocirTotal, true);
    addPictures(wb, ws, [
      { png, col: 10, row: 0, ...CHART, description: chartTitle('ageProfile', lang) },
    ]);
    ws.pageSetup.printArea = `A1:U${Math.max(d.cocir.length + 2, 25)}`;
    ws.commit();
  }

  private utilisation(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    d: ExecutiveDashboardResponse,
    lang: PackLang,
    rows: FacilityMonths[],
    [heat, studies]: [Buffer, Buffer],
  ): void {
    const t = T[lang];
    const ws = this.sheet(wb, t.sheets.utilisation, 1);
    const months = Array.from({ length: 12 }, (_, i) =>
      addMonths(d.utilisationFrom, i).slice(0, 7),
    );
    ws.columns = [
      { width: 40 },
      { width: 18 },
      ...months.map(() => ({ width: 9 })),
      { width: 14 },
      { width: 14 },
      { width: 14 },
    ];
    this.header(
      ws,
      [t.facility, t.district, ...months, t.studies12, t.capacity12, t.util12],
      t.utilNote,
    );
    const fmts = [null, null, ...months.map(() => FMT.one), FMT.int, FMT.int, FMT.one];
    for (const f of rows) {
      const row = ws.addRow([
        escapeFormulaText(f.name),
        districtName(f.district, lang),
        ...f.months,
        f.studies,
        f.capacity,
        f.pct,
      ]);
      fmtRow(row, fmts);
      row.commit();
    }
    const util = d.kpis.find((k) => k.key === KpiKey.UTILISATION_12M)!;
    const total = ws.addRow([
      t.total,
      null,
      ...months.map(() => null),
      util.count,
      rows.reduce((s, r) => s + r.capacity, 0),
      util.value,
    ]);
    fmtRow(total, fmts);
    total.font = { bold: true };
    total.commit();
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 17 } };
    addPictures(wb, ws, [
      { png: heat, col: 18, row: 0, ...CHART, description: chartTitle('heatMap', lang) },
      { png: studies, col: 18, row: 25, ...CHART, description: chartTitle('studies', lang) },
    ]);
    ws.pageSetup.printArea = `A1:Q${rows.length + 2}`;
    ws.commit();
  }

  private contracts(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    d: ExecutiveDashboardResponse,
    lang: PackLang,
  ): void {
    const t = T[lang];
    const ws = this.sheet(wb, t.sheets.contracts, 1);
    ws.columns = [16, 20, 36, 12, 16, 12, 12, 12, 16, 14].map((width) => ({ width }));
    this.header(ws, [
      t.section,
      t.contract,
      t.supplier,
      t.endDate,
      t.contractValue,
      t.periodFrom,
      t.periodTo,
      t.penaltyDays,
      t.penalty,
      t.breachedDevices,
    ]);
    const fmts = [
      null,
      null,
      null,
      FMT.date,
      FMT.money,
      FMT.date,
      FMT.date,
      FMT.int,
      FMT.money,
      FMT.int,
    ];
    for (const c of d.expiringContracts) {
      const row = ws.addRow([
        t.expiring,
        escapeFormulaText(c.number),
        escapeFormulaText(c.supplierName),
        day(c.endDate),
        Number(c.value),
        null,
        null,
        null,
        null,
        null,
      ]);
      fmtRow(row, fmts);
      row.commit();
    }
    for (const b of d.slaBreaches) {
      const row = ws.addRow([
        t.breach,
        escapeFormulaText(b.number),
        escapeFormulaText(b.supplierName),
        null,
        null,
        day(b.periodFrom),
        day(b.periodTo),
        b.penaltyDays,
        Number(b.penaltyAmount),
        b.breachedDevices,
      ]);
      fmtRow(row, fmts);
      row.commit();
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };
    ws.pageSetup.printArea = `A1:J${d.expiringContracts.length + d.slaBreaches.length + 1}`;
    ws.commit();
  }
}

function numFmt(k: Kpi): string {
  switch (k.unit) {
    case KpiUnit.COUNT:
      return FMT.int;
    case KpiUnit.RUB:
      return FMT.money;
    default:
      return FMT.one;
  }
}

function fmtRow(row: ExcelJS.Row, fmts: (string | null)[]): void {
  fmts.forEach((f, i) => {
    if (f) row.getCell(i + 1).numFmt = f;
  });
}

function districtName(d: District, lang: PackLang): string {
  return DISTRICT_NAMES[d]?.[lang] ?? d;
}
