import { TestBed } from '@angular/core/testing';
import { FLEET_GLOSSARY } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { sharePercent } from '../core/i18n/format';
import { remainingLifeText, yearsText } from './device-format';

describe('fleet figures as the UI shows them', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
    i18n = TestBed.inject(I18nService);
  });

  it('shows remaining life in years and months, negative once past it', () => {
    expect(remainingLifeText(i18n, 99)).toBe('8 г. 3 мес.');
    expect(remainingLifeText(i18n, 0)).toBe('0 г. 0 мес.');
    expect(remainingLifeText(i18n, -14)).toBe('−1 г. 2 мес.');
    i18n.use('en');
    expect(remainingLifeText(i18n, 99)).toBe('8 y 3 mo');
  });

  it('says "no data" where a figure is unknown, never 0 or a dash', () => {
    expect(remainingLifeText(i18n, null)).toBe('нет данных');
    expect(yearsText(i18n, null)).toBe('нет данных');
    expect(sharePercent(i18n, null)).toBe('нет данных');
    i18n.use('en');
    expect(sharePercent(i18n, null)).toBe('no data');
  });

  it('shows the digital share with one decimal', () => {
    expect(sharePercent(i18n, 0.845).replace(/\s/g, ' ')).toBe('84,5 %');
    i18n.use('en');
    expect(sharePercent(i18n, 2 / 3)).toBe('66.7 %');
  });

  it('gives every figure tooltip the glossary text, in both languages', () => {
    expect(i18n.t('glossary.pastLife')).toBe(FLEET_GLOSSARY.pastLife.ru);
    i18n.use('en');
    expect(i18n.t('glossary.digitalShare')).toBe(FLEET_GLOSSARY.digitalShare.en);
  });
});
