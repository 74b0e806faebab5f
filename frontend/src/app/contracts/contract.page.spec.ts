import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  ContractStatus,
  ContractType,
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

  it('shows the terms, the milestone timeline and uptime per quarter against the guarantee', async () => {
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

    // One SLA request per quarter: the last eight the contract overlaps.
    const sla = ctrl.match((r) => r.url.startsWith(`/api/contracts/${ID}/sla`));
    expect(sla).toHaveLength(8);
    sla.forEach((req, i) => {
      expect(req.request.urlWithParams).toMatch(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
      req.flush({ uptimePercent: i === 6 ? 93.33 : 99.5, met: i !== 6 } as ContractSlaResponse);
    });
    await fixture.whenStable();

    const el = fixture.nativeElement as HTMLElement;
    const text = (s: Element | null) => (s?.textContent ?? '').replace(/\s+/g, ' ').trim();
    expect(text(el.querySelector('[data-testid=contract-number]'))).toContain('Действует');
    const states = [...el.querySelectorAll('[data-testid=milestones] li')].map((li) =>
      li.getAttribute('data-state'),
    );
    expect(states).toEqual(['paid', 'overdue', 'due']);
    expect(text(el.querySelector('[data-testid=milestones]'))).toContain('Оплачен 03.02.2000');
    const rows = [...el.querySelectorAll('[data-testid=sla-quarters] tbody tr')].map((tr) =>
      [...tr.children].map(text),
    );
    expect(rows).toHaveLength(8);
    expect(rows[6]).toEqual([expect.stringMatching(/^[1-4] кв\. \d{4}$/), '93,33 %', 'Нарушен']);
    expect(rows[7]).toEqual([expect.stringMatching(/^[1-4] кв\. \d{4}$/), '99,5 %', 'Соблюдён']);
    expect(text(el.querySelector('[data-testid=covered-devices]'))).toContain('INV-000123');
    ctrl.verify();
  });
});
