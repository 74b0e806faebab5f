import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
  });

  it('starts in Russian and formats numbers and dates the ru-RU way', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.language()).toBe('ru');
    expect(i18n.t('nav.home')).toBe('Главная');
    expect(i18n.number(1234567.5).replace(/\s/g, ' ')).toBe('1 234 567,5');
    expect(i18n.date('2026-11-27T10:00:00Z')).toBe('27.11.2026');
  });

  it('switches to English, formats en-US, and remembers the choice', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.use('en');
    TestBed.tick();
    expect(i18n.t('nav.home')).toBe('Home');
    expect(i18n.number(1234567.5)).toBe('1,234,567.5');
    expect(localStorage.getItem('radfleet.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('fills parameters', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.t('notFound.text', { path: '/x' })).toContain('/x');
  });
});
