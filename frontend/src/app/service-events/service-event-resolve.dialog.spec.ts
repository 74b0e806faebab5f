import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ServiceEventType, type ServiceEventResponse } from '@radfleet/shared';
import { vi } from 'vitest';
import { ServiceEventResolveDialog } from './service-event-resolve.dialog';

const open: ServiceEventResponse = {
  id: 'e1',
  deviceId: 'd1',
  inventoryNumber: 'INV-000001',
  facilityId: 'f1',
  facilityName: 'ГКБ № 2',
  type: ServiceEventType.BREAKDOWN,
  reportedAt: '2026-11-25T07:00:00Z',
  startedAt: null,
  resolvedAt: null,
  description: 'Не включается',
  cost: '0.00',
  contractId: null,
  contractNumber: null,
  interruptedStatus: null,
  durationHours: 53,
  coveredByContract: false,
  createdAt: '',
  updatedAt: '',
  version: 1,
};

const stale = {
  type: 'about:blank',
  title: 'Conflict',
  status: 409,
  code: 'STALE_VERSION',
};

describe('ServiceEventResolveDialog', () => {
  let fixture: ComponentFixture<ServiceEventResolveDialog>;
  let http: HttpTestingController;
  const close = vi.fn();
  const el = () => fixture.nativeElement as HTMLElement;
  const submit = () =>
    (el().querySelector('[data-testid=resolve-save]') as HTMLButtonElement).click();

  beforeEach(async () => {
    localStorage.setItem('radfleet.lang', 'ru');
    close.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: open },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ServiceEventResolveDialog);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  }

  it('resolves with the version it read; on a stale one shows what changed and resolves over it', async () => {
    const input = el().querySelector('[data-testid=resolve-at]') as HTMLInputElement;
    input.value = '27.11.2026 10:15';
    input.dispatchEvent(new Event('input'));
    submit();
    const first = http.expectOne('/api/service-events/e1');
    expect(first.request.method).toBe('PATCH');
    expect(first.request.body).toEqual({
      resolvedAt: new Date(2026, 10, 27, 10, 15).toISOString(),
      version: 1,
    });
    first.flush(stale, { status: 409, statusText: 'Conflict' });
    await settle();
    http
      .expectOne({ method: 'GET', url: '/api/service-events/e1' })
      .flush({ ...open, description: 'Не включается, нет питания', version: 2 });
    await settle();
    expect(el().querySelector('[data-testid=resolve-conflict]')?.textContent).toContain('Описание');
    expect(close).not.toHaveBeenCalled();

    submit();
    const again = http.expectOne('/api/service-events/e1');
    expect(again.request.body.version).toBe(2);
    const resolved = { ...open, resolvedAt: '2026-11-27T07:15:00Z', version: 3 };
    again.flush(resolved);
    await settle();
    expect(close).toHaveBeenCalledWith({ event: resolved });
  });

  it('closes with the current record when someone else resolved it first', async () => {
    submit();
    http.expectOne('/api/service-events/e1').flush(stale, { status: 409, statusText: 'Conflict' });
    await settle();
    const theirs = { ...open, resolvedAt: '2026-11-26T12:00:00Z', version: 2 };
    http.expectOne({ method: 'GET', url: '/api/service-events/e1' }).flush(theirs);
    await settle();
    expect(close).toHaveBeenCalledWith({ event: theirs, reloaded: true });
  });

  it('refuses a resolution before the event was reported, and sends nothing', async () => {
    const input = el().querySelector('[data-testid=resolve-at]') as HTMLInputElement;
    input.value = '24.11.2026 10:00';
    input.dispatchEvent(new Event('input'));
    submit();
    await settle();
    http.expectNone('/api/service-events/e1');
    expect(el().textContent).toContain('Устранение не может быть раньше начала.');
  });
});
