import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FacilityListPage } from './facility-list.page';

describe('FacilityListPage', () => {
  let fixture: ComponentFixture<FacilityListPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const text = (sel: string) => el().querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();

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
    fixture = TestBed.createComponent(FacilityListPage);
  });

  afterEach(() => http.verify());

  it("shows the city's installed base and digital share above the list, and 'no data' for an empty facility", async () => {
    fixture.detectChanges();
    http
      .expectOne('/api/facilities/totals')
      .flush({ on: '2026-12-02', deviceCount: 1234, digitalCount: 1043, digitalShare: 0.845 });
    http
      .expectOne((r) => r.url.startsWith('/api/facilities?'))
      .flush({
        items: [
          {
            id: 'f1',
            code: 'H-1',
            name: 'Больница',
            shortName: 'Б1',
            type: 'HOSPITAL',
            district: 'CAO',
            address: '',
            deviceCount: 0,
            digitalShare: null,
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
            version: 1,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 50,
      });
    await fixture.whenStable();
    expect(text('[data-testid=city-totals]')).toContain('Установленный парк на 02.12.2026');
    expect(text('[data-testid=city-device-count]')?.replace(/\s/g, '')).toBe('1234');
    expect(text('[data-testid=city-digital-share]')).toBe('84,5 %');
    expect(text('td.mat-column-digitalShare')).toBe('нет данных');
  });
});
