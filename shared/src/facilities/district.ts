/** The city's 12 administrative districts. */
export enum District {
  CAO = 'CAO',
  SAO = 'SAO',
  SVAO = 'SVAO',
  VAO = 'VAO',
  YUVAO = 'YUVAO',
  YUAO = 'YUAO',
  YUZAO = 'YUZAO',
  ZAO = 'ZAO',
  SZAO = 'SZAO',
  ZELAO = 'ZELAO',
  NAO = 'NAO',
  TAO = 'TAO',
}

export const DISTRICT_NAMES: Readonly<Record<District, { ru: string; en: string }>> = {
  [District.CAO]: { ru: 'Центральный', en: 'Central' },
  [District.SAO]: { ru: 'Северный', en: 'Northern' },
  [District.SVAO]: { ru: 'Северо-Восточный', en: 'North-Eastern' },
  [District.VAO]: { ru: 'Восточный', en: 'Eastern' },
  [District.YUVAO]: { ru: 'Юго-Восточный', en: 'South-Eastern' },
  [District.YUAO]: { ru: 'Южный', en: 'Southern' },
  [District.YUZAO]: { ru: 'Юго-Западный', en: 'South-Western' },
  [District.ZAO]: { ru: 'Западный', en: 'Western' },
  [District.SZAO]: { ru: 'Северо-Западный', en: 'North-Western' },
  [District.ZELAO]: { ru: 'Зеленоградский', en: 'Zelenogradsky' },
  [District.NAO]: { ru: 'Новомосковский', en: 'Novomoskovsky' },
  [District.TAO]: { ru: 'Троицкий', en: 'Troitsky' },
};
