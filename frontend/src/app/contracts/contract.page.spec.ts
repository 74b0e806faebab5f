import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  ContractStatus,
  ContractType,
  SlaMeasurementPeriod,
  SlaVerdictScope,
  UptimeBasis,
  type ContractDetailResponse,
  type ContractSlaResponse,
} from '@radfleet/shared';
import { ContractPage } from './contract.page';

const ID = '33333333-3333-4333-8333-333333333333';

const contract: ContractDetailResponse = {
  id: ID,
  number: '0373200041521000007',
  type: ContractType.LIFECYCLE,
  supplierId: 's1',
  supplierName: 'ООО «МедТехСервис»',
  subject: 'Поставка и сервисное обслуживание маммографов',
  signedOn: '2000-01-01',
  startDate: '2000-01-01',
  endDate: '2100-12-31',
  terminatedOn: null,
  terminationReason: null,
  status: ContractStatus.ACTIVE,
  value: '1000000.00',
  paid: '400000.00',
  remaining: '600000.00',
  sla: {
    guaranteedUptimePercent: 95,
    basis: UptimeBasis.ROUND_THE_CLOCK,
    responseHours: 24,
    repairDays: 5,
    penaltyPerDay: '15000.00',
    measurementPeriod: SlaMeasurementPeriod.QUARTER,
    verdictScope: SlaVerdictScope.PER_DEVICE,
  },
  deviceCount: 1,
  createdAt: '',
  updatedAt: '',
  version: 1,
  devices: [
    {
      deviceId: 'd1',
      inventoryNumber: 'INV-000123',
      modality: 'MAMMOGRAPHY',
      manufacturer: 'Siemens Healthineers',
      model: 'MAMMOMAT Revelation',
      facilityId: 'f1',
      facilityName: 'ГКБ № 15',
      serviceFrom: '2000-01-01',
      serviceTo: '2100-12-31',
      serviceFee: null,
      purchasePrice: '30000000.00',
      paymentShare: 1,
    },
  ],
  milestones: [
    {
      sequence: 1,
      description: 'Аванс',
      dueDate: '2000-02-01',
      amount: '400000.00',
      paidOn: '2000-02-03',
    },
    {
      sequence: 2,
      description: 'Поставка',
      dueDate: '2001-02-01',
      amount: '300000.00',
      paidOn: null,
    },
    {
      sequence: 3,
      description: 'Сервис',
      dueDate: '2099-02-01',
      amount: '300000.00',
      paidOn: null,
    },
  ],
};

describe('ContractPage', () => {
  beforeEach(() => {
    localStorage.setItem('radfleet.lang', 'ru');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
  });

  it('shows the terms, the milestone timeline and the SLA per whole measurement period', async () => {
    const ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ContractPage);
    fixture.componentRef.setInput('id', ID);
    fixture.detectChanges();
    ctrl.expectOne(`/api/contracts/${ID}`).flush(contract);
    // The SLA resource starts once the contract is in: let its effect and loader run.
    for (let i = 0; i < 5; i++) {
      TestBed.tick();
      await new Promise((r) => setTimeout(r));
    }

    // One SLA request over the last two years; the server answers whole quarters.
    const req = ctrl.expectOne((r) => r.url.startsWith(`/api/contracts/${ID}/sla`));
    expect(req.request.urlWithParams).toMatch(/from=\d{4}-(01|04|07|10)-01&to=\d{4}-\d{2}-\d{2}/);
    const period = (from: string, to: string, uptime: number | null, met: boolean) => ({
      from,
      to,
      inProgress: false,
      coveredHours: 2184,
      downtimeHours: 12,
      uptimePercent: uptime,
      met,
      penaltyDays: met ? 0 : 2,
      penaltyAmount: met ? '0.00' : '30000.00',
      devices: [],
    });
    req.flush({
      penaltyDays: 2,
      penaltyAmount: '30000.00',
      periods: [
        period('2024-04-01', '2024-06-30', 93.33, false),
        period('2024-07-01', '2024-09-30', 99.5, true),
        period('2024-10-01', '2024-12-31', null, true),
      ],
    } as unknown as ContractSlaResponse);
    await fixture.whenStable();

    const el = fixture.nativeElement as HTMLElement;
    const text = (s: Element | null) => (s?.textContent ?? '').replace(/\s+/g, ' ').trim();
    expect(text(el.querySelector('[data-testid=contract-number]'))).toContain('Действует');
    expect(text(el.querySelector('[data-testid=sla-terms]'))).toContain('Квартал');
    expect(text(el.querySelector('[data-testid=sla-terms]'))).toContain('По каждому устройству');
    const states = [...el.querySelectorAll('[data-testid=milestones] li')].map((li) =>
      li.getAttribute('data-state'),
    );
    expect(states).toEqual(['paid', 'overdue', 'due']);
    expect(text(el.querySelector('[data-testid=milestones]'))).toContain('Оплачен 03.02.2000');
    const rows = [...el.querySelectorAll('[data-testid=sla-periods] tbody tr')].map((tr) =>
      [...tr.children].map(text),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]![0]).toBe('2 кв. 2024');
    expect(rows[0]![3]).toBe('93,33 %');
    expect(rows[0]![6]).toBe('Нарушен');
    expect(rows[1]![6]).toBe('Соблюдён');
    // A period with no covered device says so rather than 100 %.
    expect(rows[2]![3]).toBe('нет данных');
    expect(text(el.querySelector('[data-testid=sla-totals]'))).toContain('30');
    expect(text(el.querySelector('[data-testid=covered-devices]'))).toContain('INV-000123');
    ctrl.verify();
  });
});
