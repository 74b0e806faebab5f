import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HealthIndicatorComponent } from './health-indicator.component';

describe('HealthIndicatorComponent', () => {
  beforeEach(() => {
    localStorage.setItem('radfleet.lang', 'en');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
  });

  // The request is pending until flushed, so the fixture is rendered without waiting for stability.
  async function render() {
    const fixture = TestBed.createComponent(HealthIndicatorComponent);
    TestBed.tick();
    return fixture;
  }

  it('shows the live status from /api/health', async () => {
    const fixture = await render();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/health')
      .flush({ status: 'ok', database: 'up', version: '1.2.3' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=service-status]')?.textContent).toContain('Running');
    expect(el.querySelector('[data-testid=database-status]')?.textContent).toContain('Up');
    expect(el.querySelector('[data-testid=version]')?.textContent).toContain('1.2.3');
  });

  it('shows a database outage reported with 503', async () => {
    const fixture = await render();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/health')
      .flush(
        { status: 'error', database: 'down', version: '1.2.3' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=database-status]')?.textContent).toContain('Down');
  });

  it('says so when the server cannot be reached', async () => {
    const fixture = await render();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/health')
      .error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=health-error]')?.textContent).toContain(
      'does not answer',
    );
  });
});
