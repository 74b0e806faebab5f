import type { FactorContribution, PriorityItem } from '@radfleet/shared';
import type { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';

/** One factor in words a procurement officer can repeat: its value, rule, weight and contribution. */
export function factorSentence(i18n: I18nService, f: FactorContribution): string {
  const unknown = i18n.t('planning.unknown');
  let value: string;
  if (f.value === null) value = unknown;
  else if (f.factor === 'AGE' || f.factor === 'SERVICE_COST')
    value = `${i18n.number(f.value * 100, '1.0-0')} %`;
  else value = i18n.number(f.value, '1.0-1');
  return i18n.t(`planning.rule.${f.factor}` as MessageKey, {
    value,
    n: i18n.number(f.normalised, '1.0-2'),
    w: f.weight,
    c: i18n.number(f.contribution, '1.2-2'),
  });
}

/** Adjusted life, end of life and price of a device, in one sentence. */
export function lifeSentence(i18n: I18nService, p: PriorityItem): string {
  const basis = i18n.t(`planning.basis.${p.lifeBasis}` as MessageKey, {
    n: i18n.number(p.studiesPerYear ?? 0, '1.0-0'),
  });
  return i18n.t('planning.life', {
    life: p.adjustedLifeYears,
    basis,
    eol: p.endOfLifeDate ? i18n.date(p.endOfLifeDate) : i18n.t('planning.unknown'),
    past: p.pastLife ? i18n.t('planning.pastLife') : '',
    price:
      p.replacementPrice === null
        ? i18n.t('planning.noPrice')
        : `${i18n.number(Number(p.replacementPrice), '1.0-0')} ₽`,
  });
}

/** Colours of the factors in the score bar (distinct, readable on white). */
export const FACTOR_COLOURS: Record<string, string> = {
  AGE: '#1f77b4',
  ANALOGUE: '#8c564b',
  DOWNTIME: '#d62728',
  BREAKDOWNS: '#ff7f0e',
  SERVICE_COST: '#9467bd',
  UTILISATION_PRESSURE: '#2ca02c',
  VENDOR_SUPPORT: '#e377c2',
  NO_BACKUP: '#7f7f7f',
};
