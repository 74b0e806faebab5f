import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { I18nService } from './i18n.service';
import { pageTitle, TranslatedTitleStrategy } from './title.strategy';

@Component({ template: '' })
class BlankPage {}

describe('TranslatedTitleStrategy', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'devices', component: BlankPage, title: pageTitle('nav.devices') },
          { path: 'untitled', component: BlankPage },
        ]),
        { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
      ],
    });
  });

  it('names the tab after the page, in the current language, and follows a language change', async () => {
    const title = TestBed.inject(Title);
    await TestBed.inject(Router).navigateByUrl('/devices');
    expect(title.getTitle()).toBe('Устройства — RadFleet');
    TestBed.inject(I18nService).use('en');
    TestBed.tick();
    expect(title.getTitle()).toBe('Devices — RadFleet');
  });

  it('shows the product name on a route without a title', async () => {
    await TestBed.inject(Router).navigateByUrl('/untitled');
    expect(TestBed.inject(Title).getTitle()).toBe('RadFleet');
  });
});
