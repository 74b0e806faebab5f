import { TestBed } from '@angular/core/testing';
import { AlertSeverity, AlertStatus, AlertType, type AlertResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { alertText } from './alert-text';

function alert(type: AlertType, params: AlertResponse['params'], message = 'EN'): AlertResponse {
  return {
    id: 'a1',
    type,
    severity: AlertSeverity.WARNING,
    message,
    params,
    deviceId: null,
    facilityId: null,
    contractId: null,
    raisedAt: '2026-11-27T08:00:00Z',
    lastSeenAt: '2026-11-27T08:00:00Z',
    resolvedAt: null,
    deviceIds: [],
    facilityIds: [],
    status: AlertStatus.OPEN,
    acknowledgedAt: null,
    acknowledgedBy: null,
    comment: null,
    assignee: null,
    version: 1,
  };
}

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('alertText', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
    i18n = TestBed.inject(I18nService);
  });

  it('phrases a contract ending in Russian with ru-RU dates, and in English', () => {
    const a = alert(AlertType.CONTRACT_ENDING_30, {
      number: '0373-21',
      supplier: 'ООО «МедТех»',
      endDate: '2026-12-20',
      days: 23,
    });
    expect(alertText(i18n, a)).toBe(
      'Контракт 0373-21 с ООО «МедТех» заканчивается 20.12.2026 (через 23 дн.).',
    );
    i18n.use('en');
    expect(alertText(i18n, a)).toBe(
      'Contract 0373-21 with ООО «МедТех» ends on 20.12.2026 (in 23 days).',
    );
  });

  it('says "none" for a silent device that never sent a study', () => {
    const a = alert(AlertType.SILENT_DEVICE, {
      inventoryNumber: 'INV-1',
      workingDays: 5,
      lastStudyDay: null,
    });
    expect(alertText(i18n, a)).toContain(
      'уже 5 рабочих дн. (последний день с исследованиями: нет)',
    );
  });

  it('formats the SLA breach figures: per cent, money and the period', () => {
    const text = alertText(
      i18n,
      alert(AlertType.SLA_BREACH, {
        number: 'K-7',
        from: '2025-11-28',
        to: '2026-11-27',
        uptimePercent: 93.456,
        breachedDevices: 2,
        penaltyDays: 12,
        penaltyAmount: '180000.00',
      }),
    );
    expect(nbsp(text)).toBe(
      'Контракт K-7: SLA нарушен по 2 устр. в периоде 28.11.2025 – 27.11.2026 (готовность 93,46 %, дней нарушения: 12, неустойка 180 000,00 ₽).',
    );
  });

  it('falls back to the server message when the parameters are not there', () => {
    expect(alertText(i18n, alert(AlertType.COVERAGE_ENDING, {}, 'Coverage ends'))).toBe(
      'Coverage ends',
    );
    // An alert raised before grouping names one device only: the server's text is shown.
    expect(alertText(i18n, alert(AlertType.NO_COVERAGE, { inventoryNumber: 'INV-9' }, 'One'))).toBe(
      'One',
    );
    expect(
      alertText(
        i18n,
        alert(AlertType.NO_COVERAGE, { devices: 2, inventoryNumbers: 'INV-9, INV-10' }),
      ),
    ).toBe(
      'Устройства (2) работают без сервисного контракта или контракта жизненного цикла: INV-9, INV-10.',
    );
  });
});
