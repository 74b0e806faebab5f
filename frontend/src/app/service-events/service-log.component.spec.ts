import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  Permission,
  Role,
  ServiceEventType,
  type LoginResponse,
  type ServiceEventResponse,
} from '@radfleet/shared';
import { AuthStore } from '../auth';
import { ServiceLogComponent } from './service-log.component';

const OWN = 'f-own';
const OTHER = 'f-other';

function login(): LoginResponse {
  return {
    accessToken: 't',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: {
      id: 'u1',
      email: 'manager@radfleet.demo',
      name: 'M',
      role: Role.FACILITY_MANAGER,
      facilityIds: [OWN],
      active: true,
      permissions: [Permission.READ, Permission.SELF, Permission.SERVICE_EVENT_WRITE],
      createdAt: '',
      updatedAt: '',
      version: 1,
    },
  };
}

function event(patch: Partial<ServiceEventResponse>): ServiceEventResponse {
  return {
    id: 'e1',
    deviceId: 'd1',
    inventoryNumber: 'INV-000001',
    facilityId: OWN,
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
    ...patch,
  };
}

describe('ServiceLogComponent', () => {
  let fixture: ComponentFixture<ServiceLogComponent>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    localStorage.setItem('radfleet.lang', 'ru');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).login('manager@radfleet.demo', 'x');
    http.expectOne('/api/auth/login').flush(login());
    await signedIn;
    fixture = TestBed.createComponent(ServiceLogComponent);
  });

  afterEach(() => http.verify());

  it("lists a facility's events with their device, and offers logging and resolving in an own facility", async () => {
    fixture.componentRef.setInput('facilityId', OWN);
    fixture.detectChanges();
    const req = http.expectOne((r) => r.url.startsWith('/api/service-events'));
    expect(
      Object.fromEntries(new URLSearchParams(req.request.urlWithParams.split('?')[1])),
    ).toEqual({ facilityId: OWN, page: '1', pageSize: '20', sort: '-reportedAt' });
    req.flush({
      items: [
        event({}),
        event({
          id: 'e2',
          type: ServiceEventType.CALIBRATION,
          resolvedAt: '2026-11-20T10:30:00Z',
          durationHours: 3.5,
          cost: '12500.50',
          contractId: 'c1',
          contractNumber: 'K-1',
        }),
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    });
    await fixture.whenStable();
    const rows = el().querySelectorAll('[data-testid=service-row]');
    expect(rows).toHaveLength(2);
    const text = (i: number) => rows[i]!.textContent!.replace(/\s+/g, ' ');
    expect(text(0)).toContain('INV-000001');
    expect(text(0)).toContain('Поломка');
    expect(text(0)).toContain('Не устранено');
    expect(text(0)).toContain('2 д 5 ч');
    expect(text(1)).toContain('Калибровка');
    expect(text(1)).toContain('20.11.2026');
    expect(text(1)).toContain('3,5 ч');
    expect(text(1)).toContain('12 500,50 ₽');
    expect(text(1)).toContain('K-1');
    expect(rows[0]!.querySelector('[data-testid=service-resolve]')).not.toBeNull();
    expect(rows[1]!.querySelector('[data-testid=service-resolve]')).toBeNull();
    expect(el().querySelector('[data-testid=service-log-new]')).not.toBeNull();
  });

  it("shows another facility's device log read-only: no logging, no resolving", async () => {
    fixture.componentRef.setInput('deviceId', 'd9');
    fixture.componentRef.setInput('facilityId', OTHER);
    fixture.detectChanges();
    const req = http.expectOne((r) => r.url.startsWith('/api/service-events'));
    expect(req.request.urlWithParams).toContain('deviceId=d9');
    expect(req.request.urlWithParams).not.toContain('facilityId');
    req.flush({
      items: [event({ deviceId: 'd9', facilityId: OTHER })],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    await fixture.whenStable();
    expect(el().querySelectorAll('[data-testid=service-row]')).toHaveLength(1);
    expect(el().querySelector('[data-testid=service-resolve]')).toBeNull();
    expect(el().querySelector('[data-testid=service-log-new]')).toBeNull();
    // One device's log does not repeat the device in every row.
    expect(el().querySelector('thead')!.textContent).not.toContain('Устройство');
  });
});
