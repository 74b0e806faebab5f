import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';
import { TranslatedPaginatorIntl } from './paginator-intl';

describe('TranslatedPaginatorIntl', () => {
  it('labels the paginator in the interface language, with ru-RU numbers', () => {
    const intl = TestBed.inject(TranslatedPaginatorIntl);
    const i18n = TestBed.inject(I18nService);
    i18n.use('ru');
    TestBed.tick();
    expect(intl.itemsPerPageLabel).toBe('Строк на странице');
    expect(intl.getRangeLabel(1, 50, 1234)).toBe('51–100 из 1\u00a0234');
    expect(intl.getRangeLabel(24, 50, 1234)).toBe('1\u00a0201–1\u00a0234 из 1\u00a0234');
    expect(intl.getRangeLabel(0, 50, 0)).toBe('0 из 0');
    i18n.use('en');
    TestBed.tick();
    expect(intl.itemsPerPageLabel).toBe('Rows per page');
    expect(intl.getRangeLabel(0, 50, 1234)).toBe('1–50 of 1,234');
  });
});
