import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { DeviceListPage } from './device-list.page';
import { sampleDevice } from './device.fixtures';

describe('DeviceListPage', () => {
  let fixture: ComponentFixture<DeviceListPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(() => {
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
    fixture = TestBed.createComponent(DeviceListPage);
  });

  afterEach(() => http.verify());

  function flushFacilities(): void {
    http
      .expectOne('/api/facilities?pageSize=500&sort=shortName')
      .flush({ items: [], total: 0, page: 1, pageSize: 500 });
  }

  it('asks the API for what the URL says, and shows the rows and the total in Russian', async () => {
    fixture.componentRef.setInput('modality', 'CT,MRI');
    fixture.componentRef.setInput('overdue', 'true');
    fixture.componentRef.setInput('sort', '-age');
    fixture.componentRef.setInput('page', '2');
    fixture.detectChanges();
    const req = http.expectOne((r) => r.url.startsWith('/api/devices'));
    expect(
      Object.fromEntries(new URLSearchParams(req.request.urlWithParams.split('?')[1])),
    ).toEqual({
      page: '2',
      pageSize: '50',
      sort: '-age',
      modality: 'CT,MRI',
      overdue: 'true',
    });
    flushFacilities();
    req.flush({ items: [sampleDevice()], total: 1234, page: 2, pageSize: 50 });
    await fixture.whenStable();
    expect(
      el().querySelector('[data-testid=device-total]')?.textContent?.replace(/\s/g, ' '),
    ).toContain('Найдено устройств: 1 234');
    const row = el().querySelector(
      '[data-testid=device-table] tbody tr, [data-testid=device-table] tr.mat-mdc-row',
    );
    expect(row?.textContent).toContain('INV-000131');
    expect(row?.textContent).toContain('КТ');
    expect(el().querySelector('[data-testid=filter-clear]')?.textContent).toContain('(2)');
  });

  it('keeps a filter change in the URL and goes back to the first page', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture.componentRef.setInput('page', '3');
    fixture.componentRef.setInput('q', 'GE');
    fixture.detectChanges();
    http
      .expectOne((r) => r.url.startsWith('/api/devices'))
      .flush({ items: [], total: 0, page: 3, pageSize: 50 });
    flushFacilities();
    await fixture.whenStable();
    expect(el().querySelector('[data-testid=empty]')?.textContent).toContain(
      'Под выбранные фильтры',
    );

    const search = el().querySelector<HTMLInputElement>('[data-testid=device-search]')!;
    search.value = 'Siemens';
    search.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { q: 'Siemens', page: null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });

    el().querySelector<HTMLButtonElement>('[data-testid=filter-clear]')!.click();
    const cleared = navigate.mock.lastCall![1]!.queryParams as Record<string, unknown>;
    expect(cleared['q']).toBeNull();
    expect(cleared['modality']).toBeNull();
    expect(cleared['page']).toBeNull();
  });
});
