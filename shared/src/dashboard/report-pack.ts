import { IsIn, IsOptional, Matches } from 'class-validator';
import { FLEET_GLOSSARY } from '../devices/fleet-glossary.js';
import { KpiKey } from './dashboard.js';

/** The executive report pack of a month: `YYYY-MM` (default: the current month so far). */
export class ExecutivePackQuery {
  @IsOptional()
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  /** Language of the sheets, labels and charts; defaults to Russian. */
  @IsOptional() @IsIn(['ru', 'en'], { message: 'lang must be ru or en' }) lang?: 'ru' | 'en';
}

/** Builds the previous month's pack now, as the schedule would; `month` picks another one. */
export class BuildPackDto extends ExecutivePackQuery {}

export enum PackScope {
  /** The whole city: EXECUTIVE, PROCUREMENT, ADMIN. */
  CITY = 'CITY',
  /** A facility manager's facilities only. */
  FACILITIES = 'FACILITIES',
}

export enum PackStatus {
  BUILDING = 'BUILDING',
  READY = 'READY',
  FAILED = 'FAILED',
}

export enum PackTrigger {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}

/** A stored report pack. */
export interface ReportPackResponse {
  id: string;
  month: string;
  lang: 'ru' | 'en';
  scope: PackScope;
  status: PackStatus;
  trigger: PackTrigger;
  /** Who asked for it; null for the schedule. */
  requestedBy: string | null;
  requestedByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Bytes of the file, once READY. */
  sizeBytes: number | null;
  /** 0–100 while building. */
  progress: number;
  /** Attempts made (a failed build is retried once). */
  attempts: number;
  error: string | null;
  /** Where to download it, once READY. */
  downloadUrl: string | null;
}

export interface ReportScheduleResponse {
  cron: string;
  timeZone: string;
  /** The next time the schedule builds a pack (ISO 8601), null when the scheduler is off. */
  nextRunAt: string | null;
  retentionCount: number;
}

/**
 * What each KPI means, for the Summary sheet's cell notes and the tiles' tooltips: the fleet
 * figures quote the glossary (FLEET_GLOSSARY); the others say the README glossary's words.
 */
export const KPI_DEFINITIONS: Readonly<Record<KpiKey, { ru: string; en: string }>> = {
  [KpiKey.INSTALLED_DEVICES]: FLEET_GLOSSARY.deviceCount,
  [KpiKey.DIGITAL_SHARE]: {
    ru: `${FLEET_GLOSSARY.digitalShare.ru} Изменение — против конца того же месяца год назад, п. п.`,
    en: `${FLEET_GLOSSARY.digitalShare.en} The change is against the end of the same month a year earlier, in percentage points.`,
  },
  [KpiKey.COCIR_COMPLIANCE]: {
    ru: 'Соответствие COCIR: доля модальностей, где ≥ 60 % парка не старше 5 лет, ≤ 30 % — 6–10 лет и ≤ 10 % — старше 10 лет (возраст — полных лет).',
    en: 'COCIR compliance: the share of modalities whose installed base is ≥ 60 % up to 5 years, ≤ 30 % 6–10 years and ≤ 10 % over 10 years old (age in whole years).',
  },
  [KpiKey.MEDIAN_AGE]: {
    ru: `Медианный возраст установленного парка. ${FLEET_GLOSSARY.age.ru}`,
    en: `Median age of the installed base. ${FLEET_GLOSSARY.age.en}`,
  },
  [KpiKey.UTILISATION_12M]: {
    ru: 'Загрузка, %: исследования ÷ мощность × 100 за текущий месяц и 11 предыдущих; мощность — номинальные исследования в час × плановые часы рабочих дней по производственному календарю, пока устройство установлено. «Нет данных», если счётов нет.',
    en: 'Utilisation %: studies ÷ capacity × 100 over the current month and the 11 before; capacity is nominal studies per hour × scheduled hours of the production calendar’s working days while the device was installed. "No data" without counts.',
  },
  [KpiKey.STUDIES_YTD]: {
    ru: 'Исследования с 1 января по отчётную дату против того же периода прошлого года; рост, % — только когда прошлый год охватывает те же месяцы.',
    en: 'Studies from 1 January to the report date against the same period last year; growth % only when last year’s counts span the same months.',
  },
  [KpiKey.CONTRACTS_EXPIRING_90]: {
    ru: 'Контракты со статусом «истекает»: подписаны, не расторгнуты и заканчиваются в ближайшие 90 дней.',
    en: 'Contracts with status EXPIRING: signed, not terminated, ending within 90 days.',
  },
  [KpiKey.SLA_BREACHES]: {
    ru: 'Контракты, нарушившие SLA в последнем завершённом периоде измерения (месяц или квартал по условиям): гарантированная доступность не достигнута или нарушен срок реакции или ремонта.',
    en: 'Contracts that breached their SLA in their last complete measurement period (month or quarter, by their terms): the guaranteed uptime was not reached, or a response or repair term was breached.',
  },
  [KpiKey.SLA_PENALTIES]: {
    ru: 'Штрафы за тот же период: дни нарушения × штраф в день, по каждому контракту.',
    en: 'Penalties for the same periods: days of breach × penalty per day, per contract.',
  },
};
