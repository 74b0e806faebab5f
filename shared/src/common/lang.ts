/** The languages of the UI and of every export: Russian and English. */
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A span of days, `YYYY-MM-DD` to `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}
