import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { I18nService } from '../core/i18n/i18n.service';
import { NotFoundPage } from './not-found.page';

describe('NotFoundPage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: '**', component: NotFoundPage }]),
      ],
    });
  });

  it('names the address that was not found, in the chosen language', async () => {
    const harness = await RouterTestingHarness.create('/no/such/page');
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toContain('Страница не найдена');
    expect(el.textContent).toContain('/no/such/page');

    TestBed.inject(I18nService).use('en');
    harness.detectChanges();
    expect(el.querySelector('h1')?.textContent).toContain('Page not found');
    expect(TestBed.inject(Router).url).toBe('/no/such/page');
  });
});
