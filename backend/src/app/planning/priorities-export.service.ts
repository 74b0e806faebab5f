import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  PRIORITY_FACTORS,
  type PriorityExportQuery,
  type PriorityFactor,
  type PriorityItem,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { XlsxReportWriter, type ReportColumn } from '../common/spreadsheet/index.js';
import { MODALITY_LABELS } from '../devices/device-columns.js';
import { PrioritiesService } from './priorities.service.js';

type Language = 'ru' | 'en';

const T = {
  ru: {
    sheet: 'Приоритеты',
    inventoryNumber: 'Инв. номер',
    modality: 'Модальность',
    manufacturer: 'Производитель',
    model: 'Модель',
    facility: 'Учреждение',
    district: 'Округ',
    age: 'Возраст, лет',
    score: 'Балл',
    band: 'Категория',
    recommendation: 'Рекомендация',
    life: 'Срок службы по использованию, лет',
    endOfLife: 'Конец срока службы',
    price: 'Цена замены',
    utilisation: 'Загрузка',
    points: 'баллы',
  },
  en: {
    sheet: 'Priorities',
    inventoryNumber: 'Inventory number',
    modality: 'Modality',
    manufacturer: 'Manufacturer',
    model: 'Model',
    facility: 'Facility',
    district: 'District',
    age: 'Age, years',
    score: 'Score',
    band: 'Band',
    recommendation: 'Recommendation',
    life: 'Life by use, years',
    endOfLife: 'End of life',
    price: 'Replacement price',
    utilisation: 'Utilisation',
    points: 'points',
  },
} as const;

const FACTOR_NAMES: Record<PriorityFactor, { ru: string; en: string }> = {
  AGE: { ru: 'Возраст', en: 'Age' },
  ANALOGUE: { ru: 'Аналоговый', en: 'Analogue' },
  DOWNTIME: { ru: 'Простой', en: 'Downtime' },
  BREAKDOWNS: { ru: 'Поломки', en: 'Breakdowns' },
  SERVICE_COST: { ru: 'Стоимость обслуживания', en: 'Service cost' },
  UTILISATION_PRESSURE: { ru: 'Нагрузка', en: 'Utilisation pressure' },
  VENDOR_SUPPORT: { ru: 'Поддержка производителя', en: 'Vendor support' },
  NO_BACKUP: { ru: 'Нет резерва', en: 'No backup' },
};

/** The priorities with the list's filters as an xlsx workbook: one row per device, a value and a points column per factor. */
@Injectable()
export class PrioritiesExportService {
  constructor(private readonly priorities: PrioritiesService) {}

  async export(
    user: AuthUser,
    q: PriorityExportQuery,
    lang: Language,
    out: Writable,
  ): Promise<number> {
    const t = T[lang];
    const report = new XlsxReportWriter(out, { language: lang });
    const factor = (i: PriorityItem, f: PriorityFactor) => i.factors.find((x) => x.factor === f)!;
    const columns: ReportColumn<PriorityItem>[] = [
      { header: t.inventoryNumber, type: 'string', value: (i) => i.inventoryNumber },
      { header: t.modality, type: 'string', value: (i) => MODALITY_LABELS[i.modality][lang] },
      { header: t.manufacturer, type: 'string', value: (i) => i.manufacturer },
      { header: t.model, type: 'string', value: (i) => i.model },
      { header: t.facility, type: 'string', value: (i) => i.facilityName },
      { header: t.district, type: 'string', value: (i) => i.district },
      { header: t.age, type: 'integer', value: (i) => i.age },
      { header: t.score, type: 'decimal', value: (i) => i.score },
      { header: t.band, type: 'string', value: (i) => i.band },
      { header: t.recommendation, type: 'string', value: (i) => i.recommendation },
      { header: t.life, type: 'integer', value: (i) => i.adjustedLifeYears },
      { header: t.endOfLife, type: 'date', value: (i) => i.endOfLifeDate },
      { header: t.price, type: 'money', value: (i) => i.replacementPrice },
      {
        header: t.utilisation,
        type: 'percent',
        value: (i) => (i.utilisationPct === null ? null : i.utilisationPct / 100),
      },
      ...PRIORITY_FACTORS.flatMap((f): ReportColumn<PriorityItem>[] => [
        { header: FACTOR_NAMES[f][lang], type: 'decimal', value: (i) => factor(i, f).value },
        {
          header: `${FACTOR_NAMES[f][lang]}, ${t.points}`,
          type: 'decimal',
          value: (i) => factor(i, f).contribution,
        },
      ]),
    ];
    const sheet = report.addSheet<PriorityItem>(t.sheet, columns);
    const items = await this.priorities.all(user, q);
    for (let i = 0; i < items.length; i += 2_000) await sheet.addRows(items.slice(i, i + 2_000));
    await report.finish();
    return items.length;
  }
}
