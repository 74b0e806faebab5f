import { TestBed } from '@angular/core/testing';
import { ServiceEventType } from '@radfleet/shared';
import { moneyOfInput } from '../core/i18n/format';
import { I18nService } from '../core/i18n/i18n.service';
import {
  downtimeParts,
  downtimeText,
  isoOfTyped,
  lastTwelveMonths,
  serviceEventBody,
  typedOfDate,
  type ServiceEventFormValue,
} from './service-event.model';

const DEVICE = '11111111-1111-4111-8111-111111111111';
const CONTRACT = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-11-27T12:00:00Z');

function form(patch: Partial<ServiceEventFormValue> = {}): ServiceEventFormValue {
  return {
    deviceId: DEVICE,
    type: ServiceEventType.BREAKDOWN,
    reportedAt: '26.11.2026 09:30',
    startedAt: '',
    resolvedAt: '',
    description: '  Нет высокого напряжения на трубке  ',
    cost: '',
    contractId: '',
    ...patch,
  };
}

describe('serviceEventBody', () => {
  it('sends an open breakdown with only what was filled in, timestamps with a zone', () => {
    const { body, errors } = serviceEventBody(form(), NOW);
    expect(errors).toEqual({});
    expect(body).toEqual({
      deviceId: DEVICE,
      type: 'BREAKDOWN',
      reportedAt: new Date(2026, 10, 26, 9, 30).toISOString(),
      description: 'Нет высокого напряжения на трубке',
    });
    expect(body!.reportedAt).toMatch(/Z$/);
  });

  it('adds start, resolution, the cost as an exact decimal and the contract', () => {
    const { body } = serviceEventBody(
      form({
        type: ServiceEventType.CALIBRATION,
        startedAt: '26.11.2026 10:00',
        resolvedAt: '26.11.2026 15:45',
        cost: '12 500,5',
        contractId: CONTRACT,
      }),
      NOW,
    );
    expect(body).toMatchObject({
      type: 'CALIBRATION',
      startedAt: new Date(2026, 10, 26, 10, 0).toISOString(),
      resolvedAt: new Date(2026, 10, 26, 15, 45).toISOString(),
      cost: '12500.5',
      contractId: CONTRACT,
    });
  });

  it('refuses missing fields, times out of order or in the future, and a bad amount', () => {
    expect(serviceEventBody(form({ description: ' ', reportedAt: '' }), NOW).errors).toEqual({
      description: 'common.required',
      reportedAt: 'common.required',
    });
    expect(serviceEventBody(form({ startedAt: '26.11.2026 08:00' }), NOW).errors.startedAt).toBe(
      'serviceEvent.rule.startedBeforeReported',
    );
    expect(
      serviceEventBody(form({ startedAt: '26.11.2026 10:00', resolvedAt: '26.11.2026 09:50' }), NOW)
        .errors.resolvedAt,
    ).toBe('serviceEvent.rule.resolvedBeforeStart');
    expect(serviceEventBody(form({ reportedAt: '01.01.2027 00:00' }), NOW).errors.reportedAt).toBe(
      'serviceEvent.rule.future',
    );
    const bad = serviceEventBody(form({ cost: '12,3456', startedAt: '26.11.2026' }), NOW);
    expect(bad.body).toBeNull();
    expect(bad.errors).toEqual({
      cost: 'serviceEvent.rule.cost',
      startedAt: 'serviceEvent.dateTimeInvalid',
    });
  });
});

describe('money and time inputs', () => {
  it('reads amounts typed the Russian or the English way', () => {
    expect(moneyOfInput('1 500 000,00')).toBe('1500000.00');
    expect(moneyOfInput('99.9')).toBe('99.9');
    expect(moneyOfInput('-5')).toBeNull();
    expect(moneyOfInput('abc')).toBeNull();
  });

  it("reads date-times typed the app's way, and refuses what is not a real moment", () => {
    const at = new Date(2026, 10, 27, 8, 5).toISOString();
    expect(isoOfTyped('27.11.2026 08:05')).toBe(at);
    expect(isoOfTyped(' 27.11.2026, 8:05 ')).toBe(at);
    expect(isoOfTyped('2026-11-27T08:05')).toBe(at);
    expect(isoOfTyped('31.02.2026 10:00')).toBeNull();
    expect(isoOfTyped('27.11.2026 24:00')).toBeNull();
    expect(isoOfTyped('27.11.2026')).toBeNull();
    expect(isoOfTyped('')).toBeNull();
  });

  it('shows a moment the way it is typed', () => {
    expect(typedOfDate(new Date(2026, 0, 5, 7, 3))).toBe('05.01.2026 07:03');
    expect(isoOfTyped(typedOfDate(new Date(2026, 0, 5, 7, 3)))).toBe(
      new Date(2026, 0, 5, 7, 3).toISOString(),
    );
  });

  it('takes the last twelve months as a year back to today, across a leap day', () => {
    expect(lastTwelveMonths('2026-11-27')).toEqual({ from: '2025-11-28', to: '2026-11-27' });
    expect(lastTwelveMonths('2025-02-28')).toEqual({ from: '2024-02-29', to: '2025-02-28' });
  });
});

describe('downtime', () => {
  it('splits into days and hours from a day on, rounding the hours', () => {
    expect(downtimeParts(5.46)).toEqual({ days: 0, hours: 5.5 });
    expect(downtimeParts(24)).toEqual({ days: 1, hours: 0 });
    expect(downtimeParts(76.2)).toEqual({ days: 3, hours: 4 });
    expect(downtimeParts(47.8)).toEqual({ days: 2, hours: 0 });
    expect(downtimeParts(-1)).toEqual({ days: 0, hours: 0 });
  });

  it('reads in Russian and English', () => {
    localStorage.clear();
    TestBed.configureTestingModule({});
    const i18n = TestBed.inject(I18nService);
    const t = i18n.t.bind(i18n);
    expect(downtimeText(t, 5.5)).toBe('5,5 ч');
    expect(downtimeText(t, 76.2)).toBe('3 д 4 ч');
    expect(downtimeText(t, null)).toBe('—');
    i18n.use('en');
    expect(downtimeText(t, 76.2)).toBe('3 d 4 h');
    expect(downtimeText(t, 0.25)).toBe('0.3 h');
  });
});
