import { effect, inject, Injectable, type Provider } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_NATIVE_DATE_FORMATS,
  NativeDateAdapter,
  type MatDateFormats,
} from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { I18nService } from '../i18n/i18n.service';

/** The display format of a date field: `27.11.2026`, as `I18nService.date()` shows dates everywhere. */
const DATE_INPUT = { rf: 'dd.MM.yyyy' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date from its parts, or null when the parts name no real day (31.02). */
function dateFrom(y: number, m: number, d: number): Date | null {
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d
    ? date
    : null;
}

/** `2026-11-27` as a local date; null for anything else. */
export function dateOfIso(iso: string | null | undefined): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? dateFrom(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A local date as `2026-11-27`; null for none or an invalid date. */
export function isoOfDate(d: Date | null | undefined): string | null {
  return d && !Number.isNaN(d.getTime())
    ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    : null;
}

/**
 * Material's native date adapter, speaking the interface language: it types and shows dates as
 * `дд.мм.гггг`, names months in the current language and starts Russian weeks on Monday.
 */
@Injectable()
export class RfDateAdapter extends NativeDateAdapter {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => this.setLocale(this.i18n.locale()));
  }

  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value !== 'string') return super.parse(value, parseFormat);
    const t = value.trim();
    if (t === '') return null;
    const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
    if (dmy) return dateFrom(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) ?? this.invalid();
    return dateOfIso(t) ?? this.invalid();
  }

  override format(date: Date, displayFormat: object): string {
    if (displayFormat === DATE_INPUT) {
      if (!this.isValid(date)) throw Error('RfDateAdapter: cannot format an invalid date.');
      return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
    }
    return super.format(date, displayFormat);
  }

  override getFirstDayOfWeek(): number {
    return this.locale?.toString().startsWith('ru') ? 1 : super.getFirstDayOfWeek();
  }
}

const RF_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: null },
  display: { ...MAT_NATIVE_DATE_FORMATS.display, dateInput: DATE_INPUT },
};

/** The date picker's own labels (buttons, screen-reader names) in the interface language. */
@Injectable()
export class RfDatepickerIntl extends MatDatepickerIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => {
      const t = (k: Parameters<I18nService['t']>[0]) => this.i18n.t(k);
      this.calendarLabel = t('datepicker.calendar');
      this.openCalendarLabel = t('datepicker.open');
      this.closeCalendarLabel = t('datepicker.close');
      this.prevMonthLabel = t('datepicker.prevMonth');
      this.nextMonthLabel = t('datepicker.nextMonth');
      this.prevYearLabel = t('datepicker.prevYear');
      this.nextYearLabel = t('datepicker.nextYear');
      this.prevMultiYearLabel = t('datepicker.prevYears');
      this.nextMultiYearLabel = t('datepicker.nextYears');
      this.switchToMonthViewLabel = t('datepicker.chooseDate');
      this.switchToMultiYearViewLabel = t('datepicker.chooseMonthYear');
      this.changes.next();
    });
  }
}

/** Providers for a component with date fields. */
export function provideRfDates(): Provider[] {
  return [
    { provide: DateAdapter, useClass: RfDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: RF_DATE_FORMATS },
    { provide: MatDatepickerIntl, useClass: RfDatepickerIntl },
  ];
}
