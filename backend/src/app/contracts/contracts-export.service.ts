import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  ContractStatus,
  ContractType,
  formatKopecks,
  kopecks,
  type ContractExportQuery,
  type ContractResponse,
  type Lang,
} from '@radfleet/shared';
import { XlsxReportWriter, type ReportColumn } from '../common/spreadsheet/index.js';
import { resolvePeriod } from '../common/calendar.js';
import { ContractsSlaService, type ContractSlaSummary } from './contracts-sla.service.js';
import { ContractsService } from './contracts.service.js';

type Language = Lang;

export const CONTRACT_TYPE_LABELS: Record<ContractType, Record<Language, string>> = {
  SUPPLY: { ru: 'Поставка', en: 'Supply' },
  SERVICE: { ru: 'Сервис', en: 'Service' },
  LIFECYCLE: { ru: 'Жизненный цикл', en: 'Lifecycle' },
};

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, Record<Language, string>> = {
  DRAFT: { ru: 'Черновик', en: 'Draft' },
  ACTIVE: { ru: 'Действует', en: 'Active' },
  EXPIRING: { ru: 'Истекает', en: 'Expiring' },
  EXPIRED: { ru: 'Истёк', en: 'Expired' },
  TERMINATED: { ru: 'Расторгнут', en: 'Terminated' },
};

const T = {
  ru: {
    summary: 'Сводка',
    contracts: 'Контракты',
    title: 'Реестр контрактов',
    period: (f: string, t: string) => `SLA за период ${f} — ${t}`,
    count: 'Контрактов',
    value: 'Стоимость, руб.',
    paid: 'Оплачено, руб.',
    remaining: 'Остаток, руб.',
    breached: 'Контрактов с нарушением SLA',
    penalty: 'Неустойка, руб.',
    number: 'Номер',
    type: 'Тип',
    supplier: 'Поставщик',
    inn: 'ИНН',
    subject: 'Предмет',
    signedOn: 'Дата заключения',
    startDate: 'Начало',
    endDate: 'Окончание',
    terminatedOn: 'Расторгнут с',
    status: 'Статус',
    devices: 'Устройств',
    guaranteed: 'Гарантированная готовность',
    uptime: 'Фактическая готовность',
    downtime: 'Простой, ч',
    met: 'SLA соблюдён',
    penaltyDays: 'Дней нарушения',
  },
  en: {
    summary: 'Summary',
    contracts: 'Contracts',
    title: 'Contract register',
    period: (f: string, t: string) => `SLA over ${f} – ${t}`,
    count: 'Contracts',
    value: 'Value, RUB',
    paid: 'Paid, RUB',
    remaining: 'Remaining, RUB',
    breached: 'Contracts with an SLA breach',
    penalty: 'Penalties, RUB',
    number: 'Number',
    type: 'Type',
    supplier: 'Supplier',
    inn: 'INN',
    subject: 'Subject',
    signedOn: 'Signed on',
    startDate: 'Start',
    endDate: 'End',
    terminatedOn: 'Terminated from',
    status: 'Status',
    devices: 'Devices',
    guaranteed: 'Guaranteed uptime',
    uptime: 'Uptime',
    downtime: 'Downtime, h',
    met: 'SLA met',
    penaltyDays: 'Days of breach',
  },
} as const;

type Row = ContractResponse & { slaSummary: ContractSlaSummary | null };

/** The contract register as an xlsx workbook: a summary sheet and one row per contract. */
@Injectable()
export class ContractsExportService {
  constructor(
    private readonly contracts: ContractsService,
    private readonly sla: ContractsSlaService,
  ) {}

  period(q: ContractExportQuery): { from: string; to: string } {
    return resolvePeriod({ from: q.from, to: q.to });
  }

  async export(
    q: ContractExportQuery,
    period: { from: string; to: string },
    lang: Language,
    out: Writable,
  ): Promise<number> {
    const t = T[lang];
    const list = await this.contracts.all(q);
    const summaries = await this.sla.summaries(period.from, period.to, null);
    const rows: Row[] = list.map((c) => ({ ...c, slaSummary: summaries.get(c.id) ?? null }));
    const sum = (f: (r: Row) => string) =>
      formatKopecks(rows.reduce((s, r) => s + kopecks(f(r)), 0n));
    const report = new XlsxReportWriter(out, { language: lang });
    report.addSummarySheet(t.summary, {
      title: t.title,
      subtitle: t.period(period.from, period.to),
      items: [
        { label: t.count, value: rows.length, type: 'integer' },
        { label: t.value, value: sum((r) => r.value), type: 'money' },
        { label: t.paid, value: sum((r) => r.paid), type: 'money' },
        { label: t.remaining, value: sum((r) => r.remaining), type: 'money' },
        {
          label: t.breached,
          value: rows.filter((r) => r.slaSummary && !r.slaSummary.met).length,
          type: 'integer',
        },
        { label: t.penalty, value: sum((r) => r.slaSummary?.penaltyAmount ?? '0'), type: 'money' },
      ],
    });
    const columns: ReportColumn<Row>[] = [
      { header: t.number, type: 'string', value: (r) => r.number },
      { header: t.type, type: 'string', value: (r) => CONTRACT_TYPE_LABELS[r.type][lang] },
      { header: t.supplier, type: 'string', value: (r) => r.supplierName },
      { header: t.subject, type: 'string', value: (r) => r.subject, width: 60 },
      { header: t.signedOn, type: 'date', value: (r) => r.signedOn },
      { header: t.startDate, type: 'date', value: (r) => r.startDate },
      { header: t.endDate, type: 'date', value: (r) => r.endDate },
      { header: t.terminatedOn, type: 'date', value: (r) => r.terminatedOn },
      { header: t.status, type: 'string', value: (r) => CONTRACT_STATUS_LABELS[r.status][lang] },
      { header: t.devices, type: 'integer', value: (r) => r.deviceCount },
      { header: t.value, type: 'money', value: (r) => r.value },
      { header: t.paid, type: 'money', value: (r) => r.paid },
      { header: t.remaining, type: 'money', value: (r) => r.remaining },
      {
        header: t.guaranteed,
        type: 'percent',
        value: (r) => (r.sla ? r.sla.guaranteedUptimePercent / 100 : null),
        numFmt: '0.00%',
      },
      {
        header: t.uptime,
        type: 'percent',
        value: (r) =>
          r.slaSummary?.uptimePercent == null ? null : r.slaSummary.uptimePercent / 100,
        numFmt: '0.00%',
      },
      { header: t.downtime, type: 'decimal', value: (r) => r.slaSummary?.downtimeHours ?? null },
      { header: t.met, type: 'boolean', value: (r) => r.slaSummary?.met ?? null },
      { header: t.penaltyDays, type: 'integer', value: (r) => r.slaSummary?.penaltyDays ?? null },
      { header: t.penalty, type: 'money', value: (r) => r.slaSummary?.penaltyAmount ?? null },
    ];
    const sheet = report.addSheet<Row>(t.contracts, columns);
    await sheet.addRows(rows);
    await report.finish();
    return rows.length;
  }
}
