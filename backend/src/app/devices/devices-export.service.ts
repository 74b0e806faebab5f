import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Modality, type DeviceListQuery, type DeviceResponse, type Lang } from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { XlsxReportWriter, writeTemplate, type ReportColumn } from '../common/spreadsheet/index.js';
import {
  DEVICE_COLUMNS,
  FUNDING_LABELS,
  MODALITY_LABELS,
  STATUS_LABELS,
  TECHNOLOGY_LABELS,
} from './device-columns.js';
import { DevicesService } from './devices.service.js';
import { deviceFilterSql } from './devices.query.js';
import { cityToday } from '../common/calendar.js';
import { digitalSharePctSql } from './fleet-figures.sql.js';

export type Language = Lang;

const T = {
  ru: {
    devices: 'Устройства',
    summary: 'Сводка',
    modality: 'Модальность',
    digital: 'Цифровые',
    analogue: 'Аналоговые',
    total: 'Всего',
    digitalShare: 'Доля цифровых',
    facility: 'Учреждение',
    district: 'Округ',
    age: 'Возраст, лет',
    life: 'Срок службы, лет',
    remaining: 'Остаток срока, мес.',
    endOfLife: 'Конец срока службы',
    past: 'Срок службы истёк',
    allModalities: 'Все модальности',
    installedOn: 'Установленный парк на',
  },
  en: {
    devices: 'Devices',
    summary: 'Summary',
    modality: 'Modality',
    digital: 'Digital',
    analogue: 'Analogue',
    total: 'Total',
    digitalShare: 'Digital share',
    facility: 'Facility',
    district: 'District',
    age: 'Age, years',
    life: 'Service life, years',
    remaining: 'Remaining life, months',
    endOfLife: 'End of life',
    past: 'Past service life',
    allModalities: 'All modalities',
    installedOn: 'Installed base on',
  },
} as const;

const header = (key: string, lang: Language) =>
  DEVICE_COLUMNS.find((c) => c.key === key)!.header[lang];

/** The device register as an xlsx workbook, written row by row to the output (exceljs's streaming writer). */
@Injectable()
export class DevicesExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesService,
  ) {}

  async export(q: DeviceListQuery, lang: Language, out: Writable): Promise<number> {
    const t = T[lang];
    const report = new XlsxReportWriter(out, { language: lang });

    // Summary: the installed base today among the filtered devices, by modality × technology, with
    // the digital share from its one definition; the last row (ROLLUP's grand total, there even
    // when nothing is installed) is every modality together.
    const today = cityToday();
    const { from, where, params } = deviceFilterSql(q, today);
    const counts: {
      modality: Modality | null;
      digital: string;
      analogue: string;
      share_pct: string | null;
    }[] = await this.dataSource.query(
      `SELECT modality,
              count(*) FILTER (WHERE technology = 'DIGITAL') AS digital,
              count(*) FILTER (WHERE technology = 'ANALOGUE') AS analogue,
              ${digitalSharePctSql('r')} AS share_pct
         FROM ${from} ${where ? `${where} AND installed` : 'WHERE installed'}
        GROUP BY ROLLUP (modality) ORDER BY modality NULLS LAST`,
      params,
    );
    const summaryRows = counts.map((c) => ({
      label: c.modality === null ? t.allModalities : MODALITY_LABELS[c.modality][lang],
      digital: Number(c.digital),
      analogue: Number(c.analogue),
      share: c.share_pct === null ? null : Number(c.share_pct) / 100,
    }));
    type SummaryRow = (typeof summaryRows)[number];
    const summary = report.addSheet<SummaryRow>(t.summary, [
      { header: t.modality, type: 'string', value: (r) => r.label },
      { header: t.digital, type: 'integer', value: (r) => r.digital },
      { header: t.analogue, type: 'integer', value: (r) => r.analogue },
      { header: t.total, type: 'integer', value: (r) => r.digital + r.analogue },
      { header: t.digitalShare, type: 'percent', value: (r) => r.share },
      { header: t.installedOn, type: 'date', value: () => today },
    ]);
    await summary.addRows(summaryRows);

    const columns: ReportColumn<DeviceResponse>[] = [
      { header: header('inventoryNumber', lang), type: 'string', value: (d) => d.inventoryNumber },
      { header: header('facilityCode', lang), type: 'string', value: (d) => d.facilityCode },
      { header: t.facility, type: 'string', value: (d) => d.facilityName },
      { header: t.district, type: 'string', value: (d) => d.district },
      {
        header: header('modality', lang),
        type: 'string',
        value: (d) => MODALITY_LABELS[d.modality][lang],
      },
      {
        header: header('technology', lang),
        type: 'string',
        value: (d) => TECHNOLOGY_LABELS[d.technology][lang],
      },
      { header: header('manufacturer', lang), type: 'string', value: (d) => d.manufacturer },
      { header: header('model', lang), type: 'string', value: (d) => d.model },
      { header: header('serialNumber', lang), type: 'string', value: (d) => d.serialNumber },
      { header: header('department', lang), type: 'string', value: (d) => d.department },
      { header: header('room', lang), type: 'string', value: (d) => d.room },
      {
        header: header('yearOfManufacture', lang),
        type: 'integer',
        value: (d) => d.yearOfManufacture,
      },
      {
        header: header('commissioningDate', lang),
        type: 'date',
        value: (d) => d.commissioningDate,
      },
      { header: t.age, type: 'integer', value: (d) => d.age },
      { header: t.life, type: 'integer', value: (d) => d.effectiveServiceLifeYears },
      { header: t.endOfLife, type: 'date', value: (d) => d.endOfLifeDate },
      { header: t.remaining, type: 'integer', value: (d) => d.remainingLifeMonths },
      { header: t.past, type: 'boolean', value: (d) => d.pastServiceLife },
      { header: header('purchasePrice', lang), type: 'money', value: (d) => d.purchasePrice },
      {
        header: header('fundingSource', lang),
        type: 'string',
        value: (d) => (d.fundingSource ? FUNDING_LABELS[d.fundingSource][lang] : null),
      },
      {
        header: header('status', lang),
        type: 'string',
        value: (d) => STATUS_LABELS[d.status][lang],
      },
      { header: header('decommissionedOn', lang), type: 'date', value: (d) => d.decommissionedOn },
      {
        header: header('decommissionReason', lang),
        type: 'string',
        value: (d) => d.decommissionReason,
      },
      {
        header: header('archiveConnected', lang),
        type: 'boolean',
        value: (d) => d.archiveConnected,
      },
      {
        header: header('dicomStationName', lang),
        type: 'string',
        value: (d) => d.dicomStationName,
      },
      { header: header('dicomAeTitle', lang), type: 'string', value: (d) => d.dicomAeTitle },
      {
        header: header('dicomSerialNumber', lang),
        type: 'string',
        value: (d) => d.dicomSerialNumber,
      },
      {
        header: header('dicomInstitutionName', lang),
        type: 'string',
        value: (d) => d.dicomInstitutionName,
      },
      { header: header('notes', lang), type: 'string', value: (d) => d.notes },
    ];
    const sheet = report.addSheet<DeviceResponse>(t.devices, columns);
    let n = 0;
    for await (const batch of this.devices.stream(q, today)) {
      await sheet.addRows(batch);
      n += batch.length;
    }
    await report.finish();
    return n;
  }

  /** The import template: every column, headers in Russian with English beneath, drop-downs for enums. */
  async template(out: Writable): Promise<void> {
    await writeTemplate(DEVICE_COLUMNS, out, { sheetName: 'Устройства' });
  }
}
