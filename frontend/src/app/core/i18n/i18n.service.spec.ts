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

  it('picks the plural form the language needs, by Intl.PluralRules', () => {
    const i18n = TestBed.inject(I18nService);
    const aria = (n: number) => i18n.t('devices.exportAria', { n });
    expect(aria(1)).toBe('Экспорт в Excel: 1 устройство по текущим фильтрам');
    expect(aria(3)).toBe('Экспорт в Excel: 3 устройства по текущим фильтрам');
    expect(aria(5)).toBe('Экспорт в Excel: 5 устройств по текущим фильтрам');
    expect(aria(21)).toBe('Экспорт в Excel: 21 устройство по текущим фильтрам');
    i18n.use('en');
    expect(aria(1)).toBe('Export to Excel: 1 device matching the current filters');
    expect(aria(1300).replace(/\s/g, ' ')).toBe(
      'Export to Excel: 1,300 devices matching the current filters',
    );
  });

  it('knows its message keys without a cast, and labels enum values by them', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.has('nav.devices')).toBe(true);
    expect(i18n.has('nav.nothing')).toBe(false);
    expect(i18n.label('role', 'ADMIN')).not.toBe('ADMIN');
    expect(i18n.label('role', 'NO_SUCH_ROLE')).toBe('NO_SUCH_ROLE');
  });
});
