import { type Modality, type Technology } from './types.js';

/**
 * Manufacturers and models found in Russian city radiology, with the years each model was sold.
 * Foreign models are real product names; the Russian ones follow their makers' naming and are
 * meant as plausible demo data, not as an extract of the Roszdravnadzor device register.
 */

export interface Manufacturer {
  /** Display name, as a device record shows it. */
  name: string;
  /** How the device writes (0008,0070) Manufacturer; `legacyDicomName` before `renamedIn`. */
  dicomName: string;
  legacyDicomName?: string;
  renamedIn?: number;
  /** Serial number pattern: `#` digit, `A` letter, `YY` two-digit year of manufacture. */
  serialPattern: string;
  origin: 'WESTERN' | 'ASIAN' | 'RUSSIAN';
}

export const MANUFACTURERS = {
  siemens: {
    name: 'Siemens Healthineers',
    dicomName: 'Siemens Healthineers',
    legacyDicomName: 'SIEMENS',
    renamedIn: 2019,
    serialPattern: '#####',
    origin: 'WESTERN',
  },
  ge: {
    name: 'GE HealthCare',
    dicomName: 'GE Healthcare',
    legacyDicomName: 'GE MEDICAL SYSTEMS',
    renamedIn: 2017,
    serialPattern: '######AA#',
    origin: 'WESTERN',
  },
  philips: {
    name: 'Philips',
    dicomName: 'Philips',
    legacyDicomName: 'Philips Medical Systems',
    renamedIn: 2016,
    serialPattern: '######',
    origin: 'WESTERN',
  },
  canon: {
    name: 'Canon Medical Systems',
    dicomName: 'CANON_MEC',
    legacyDicomName: 'TOSHIBA_MEC',
    renamedIn: 2018,
    serialPattern: 'AAA#######',
    origin: 'ASIAN',
  },
  fujifilm: {
    name: 'Fujifilm',
    dicomName: 'FUJIFILM Corporation',
    serialPattern: '########',
    origin: 'ASIAN',
  },
  hologic: {
    name: 'Hologic',
    dicomName: 'HOLOGIC, Inc.',
    serialPattern: 'AAA######',
    origin: 'WESTERN',
  },
  unitedImaging: {
    name: 'United Imaging',
    dicomName: 'UIH',
    serialPattern: '#######',
    origin: 'ASIAN',
  },
  electron: {
    name: 'НИПК «Электрон»',
    dicomName: 'ELECTRON',
    serialPattern: '####-YY',
    origin: 'RUSSIAN',
  },
  amico: {
    name: '«Амико»',
    dicomName: 'AMICO',
    serialPattern: 'YY###',
    origin: 'RUSSIAN',
  },
  mosrentgen: {
    name: '«Мосрентген»',
    dicomName: 'MOSRENTGEN',
    serialPattern: '###/YY',
    origin: 'RUSSIAN',
  },
  rentgenprom: {
    name: '«Рентгенпром»',
    dicomName: 'RENTGENPROM',
    serialPattern: 'YY####',
    origin: 'RUSSIAN',
  },
} as const satisfies Record<string, Manufacturer>;

export type ManufacturerKey = keyof typeof MANUFACTURERS;

export interface EquipmentModel {
  modality: Modality;
  technology: Technology;
  manufacturer: ManufacturerKey;
  model: string;
  /** First and last year of manufacture (`null`: still sold). */
  from: number;
  to: number | null;
  /** Relative market share among models sold in a year. */
  share: number;
  /** Position in the modality's price range, 0 (entry) … 1 (flagship). */
  tier: number;
}

function m(
  modality: Modality,
  technology: Technology,
  manufacturer: ManufacturerKey,
  model: string,
  from: number,
  to: number | null,
  share: number,
  tier: number,
): EquipmentModel {
  return { modality, technology, manufacturer, model, from, to, share, tier };
}

const D: Technology = 'DIGITAL';
const A: Technology = 'ANALOGUE';

export const EQUIPMENT_MODELS: readonly EquipmentModel[] = [
  // Computed tomography
  m('CT', D, 'siemens', 'SOMATOM Emotion 16', 2004, 2014, 3, 0.1),
  m('CT', D, 'siemens', 'SOMATOM Definition AS', 2008, 2020, 4, 0.5),
  m('CT', D, 'siemens', 'SOMATOM Perspective', 2012, 2019, 3, 0.25),
  m('CT', D, 'siemens', 'SOMATOM Definition Edge', 2012, 2020, 2, 0.7),
  m('CT', D, 'siemens', 'SOMATOM Force', 2014, null, 1, 1),
  m('CT', D, 'siemens', 'SOMATOM go.Up', 2017, null, 4, 0.2),
  m('CT', D, 'siemens', 'SOMATOM go.Top', 2017, null, 3, 0.45),
  m('CT', D, 'siemens', 'SOMATOM X.cite', 2020, null, 1, 0.75),
  m('CT', D, 'ge', 'LightSpeed VCT', 2004, 2013, 2, 0.4),
  m('CT', D, 'ge', 'BrightSpeed Elite', 2006, 2014, 2, 0.1),
  m('CT', D, 'ge', 'Optima CT660', 2011, 2019, 3, 0.45),
  m('CT', D, 'ge', 'Optima CT540', 2014, 2021, 2, 0.2),
  m('CT', D, 'ge', 'Revolution CT', 2014, null, 1, 1),
  m('CT', D, 'ge', 'Revolution EVO', 2015, null, 3, 0.5),
  m('CT', D, 'ge', 'Revolution ACT', 2017, null, 2, 0.15),
  m('CT', D, 'philips', 'Brilliance CT 64', 2005, 2014, 2, 0.4),
  m('CT', D, 'philips', 'Ingenuity CT', 2011, 2020, 2, 0.5),
  m('CT', D, 'philips', 'Incisive CT', 2019, null, 2, 0.5),
  m('CT', D, 'canon', 'Aquilion 64', 2005, 2016, 2, 0.35),
  m('CT', D, 'canon', 'Aquilion Prime SP', 2016, null, 3, 0.5),
  m('CT', D, 'canon', 'Aquilion Lightning', 2016, null, 2, 0.2),
  m('CT', D, 'canon', 'Aquilion ONE GENESIS', 2016, null, 1, 1),
  m('CT', D, 'unitedImaging', 'uCT 530', 2019, null, 2, 0.25),
  m('CT', D, 'unitedImaging', 'uCT 780', 2019, null, 1, 0.6),

  // Magnetic resonance
  m('MRI', D, 'siemens', 'MAGNETOM Avanto 1.5T', 2003, 2015, 3, 0.4),
  m('MRI', D, 'siemens', 'MAGNETOM Essenza 1.5T', 2008, 2017, 2, 0.15),
  m('MRI', D, 'siemens', 'MAGNETOM Aera 1.5T', 2011, 2021, 4, 0.5),
  m('MRI', D, 'siemens', 'MAGNETOM Skyra 3T', 2011, 2021, 2, 0.85),
  m('MRI', D, 'siemens', 'MAGNETOM Amira 1.5T', 2016, null, 2, 0.3),
  m('MRI', D, 'siemens', 'MAGNETOM Sola 1.5T', 2018, null, 2, 0.6),
  m('MRI', D, 'siemens', 'MAGNETOM Vida 3T', 2018, null, 1, 1),
  m('MRI', D, 'ge', 'SIGNA HDxt 1.5T', 2006, 2015, 2, 0.3),
  m('MRI', D, 'ge', 'Optima MR450w 1.5T', 2010, 2019, 2, 0.45),
  m('MRI', D, 'ge', 'SIGNA Explorer 1.5T', 2016, null, 2, 0.3),
  m('MRI', D, 'ge', 'SIGNA Architect 3T', 2017, null, 1, 0.95),
  m('MRI', D, 'ge', 'SIGNA Voyager 1.5T', 2018, null, 1, 0.5),
  m('MRI', D, 'philips', 'Achieva 1.5T', 2004, 2016, 2, 0.35),
  m('MRI', D, 'philips', 'Ingenia 1.5T', 2011, null, 3, 0.5),
  m('MRI', D, 'philips', 'Ingenia 3.0T', 2011, null, 1, 0.9),
  m('MRI', D, 'philips', 'Ingenia Ambition 1.5T', 2019, null, 1, 0.6),
  m('MRI', D, 'canon', 'Vantage Titan 1.5T', 2010, 2019, 2, 0.4),
  m('MRI', D, 'canon', 'Vantage Galan 3T', 2017, null, 1, 0.9),
  m('MRI', D, 'canon', 'Vantage Orian 1.5T', 2018, null, 2, 0.5),
  m('MRI', D, 'unitedImaging', 'uMR 570', 2019, null, 1, 0.35),
  m('MRI', D, 'unitedImaging', 'uMR 780', 2019, null, 1, 0.8),

  // Mammography
  m('MAMMOGRAPHY', D, 'siemens', 'MAMMOMAT Inspiration', 2008, 2020, 3, 0.5),
  m('MAMMOGRAPHY', D, 'siemens', 'MAMMOMAT Fusion', 2016, null, 2, 0.3),
  m('MAMMOGRAPHY', D, 'siemens', 'MAMMOMAT Revelation', 2017, null, 2, 0.9),
  m('MAMMOGRAPHY', D, 'ge', 'Senographe DS', 2004, 2012, 1, 0.4),
  m('MAMMOGRAPHY', D, 'ge', 'Senographe Essential', 2006, 2019, 3, 0.5),
  m('MAMMOGRAPHY', D, 'ge', 'Senographe Pristina', 2016, null, 2, 0.85),
  m('MAMMOGRAPHY', D, 'philips', 'MicroDose SI', 2014, 2021, 1, 0.6),
  m('MAMMOGRAPHY', D, 'fujifilm', 'AMULET Innovality', 2012, null, 3, 0.75),
  m('MAMMOGRAPHY', D, 'fujifilm', 'AMULET SOPHINITY', 2021, null, 2, 0.8),
  m('MAMMOGRAPHY', D, 'hologic', 'Selenia', 2002, 2012, 1, 0.4),
  m('MAMMOGRAPHY', D, 'hologic', 'Selenia Dimensions', 2011, null, 2, 0.9),
  m('MAMMOGRAPHY', D, 'hologic', '3Dimensions', 2017, null, 1, 1),
  m('MAMMOGRAPHY', D, 'rentgenprom', 'МАММО-РП', 2012, null, 3, 0.2),
  m('MAMMOGRAPHY', A, 'siemens', 'MAMMOMAT 3000 Nova', 1998, 2012, 2, 0.5),
  m('MAMMOGRAPHY', A, 'ge', 'Senographe DMR+', 1998, 2010, 2, 0.5),
  m('MAMMOGRAPHY', A, 'hologic', 'Lorad M-IV', 1998, 2010, 1, 0.5),
  m('MAMMOGRAPHY', A, 'rentgenprom', 'МАММО-РП (плёночный)', 2003, 2016, 2, 0.3),

  // General radiography
  m('RADIOGRAPHY', D, 'siemens', 'Multix Fusion', 2012, 2020, 2, 0.6),
  m('RADIOGRAPHY', D, 'siemens', 'Ysio Max', 2015, null, 2, 0.9),
  m('RADIOGRAPHY', D, 'siemens', 'Luminos dRF Max', 2015, null, 1, 1),
  m('RADIOGRAPHY', D, 'siemens', 'Multix Impact', 2019, null, 3, 0.4),
  m('RADIOGRAPHY', D, 'ge', 'Definium 6000', 2005, 2015, 2, 0.6),
  m('RADIOGRAPHY', D, 'ge', 'Discovery XR656', 2012, 2020, 1, 0.8),
  m('RADIOGRAPHY', D, 'ge', 'Definium 656 HD', 2019, null, 1, 0.85),
  m('RADIOGRAPHY', D, 'philips', 'DigitalDiagnost', 2008, 2020, 2, 0.7),
  m('RADIOGRAPHY', D, 'philips', 'DigitalDiagnost C90', 2019, null, 1, 1),
  m('RADIOGRAPHY', D, 'philips', 'CombiDiagnost R90', 2019, null, 1, 0.9),
  m('RADIOGRAPHY', D, 'canon', 'RADREX-i', 2012, null, 1, 0.6),
  m('RADIOGRAPHY', D, 'fujifilm', 'FDR Smart X', 2016, null, 2, 0.55),
  m('RADIOGRAPHY', D, 'fujifilm', 'FDR Go PLUS', 2016, null, 1, 0.3),
  m('RADIOGRAPHY', D, 'electron', 'КРТ «Электрон»', 2008, null, 4, 0.45),
  m('RADIOGRAPHY', D, 'electron', 'ПроГраф-7000', 2010, null, 3, 0.3),
  m('RADIOGRAPHY', D, 'amico', 'АРЦ «Амико»', 2008, null, 3, 0.25),
  m('RADIOGRAPHY', D, 'mosrentgen', 'КРД «Мосрентген»', 2014, null, 2, 0.3),
  m('RADIOGRAPHY', D, 'rentgenprom', 'КРД-50 «Рентгенпром»', 2010, null, 2, 0.35),
  m('RADIOGRAPHY', A, 'mosrentgen', 'РУМ-20М', 1990, 2012, 4, 0.3),
  m('RADIOGRAPHY', A, 'siemens', 'Multix Top', 1998, 2011, 2, 0.7),
  m('RADIOGRAPHY', A, 'philips', 'Bucky Diagnost TH', 1998, 2012, 2, 0.7),
  m('RADIOGRAPHY', A, 'amico', 'Амико-Р (плёночный)', 2000, 2016, 2, 0.4),
  m('RADIOGRAPHY', A, 'electron', 'РДК «Электрон»', 2000, 2014, 2, 0.4),

  // Fluorography (chest screening)
  m('FLUOROGRAPHY', D, 'rentgenprom', 'ПроСкан-2000', 2006, 2018, 3, 0.3),
  m('FLUOROGRAPHY', D, 'rentgenprom', 'ПроСкан-7000', 2012, null, 4, 0.5),
  m('FLUOROGRAPHY', D, 'electron', 'ФЦ «Электрон»', 2008, null, 3, 0.45),
  m('FLUOROGRAPHY', D, 'amico', 'ФЦ «Амико»', 2010, null, 2, 0.4),
  m('FLUOROGRAPHY', D, 'mosrentgen', 'ФМЦ «Мосрентген»', 2015, null, 2, 0.5),
  m('FLUOROGRAPHY', A, 'mosrentgen', '12Ф7', 1988, 2010, 4, 0.4),
  m('FLUOROGRAPHY', A, 'mosrentgen', '12Ф9', 1995, 2014, 2, 0.5),
  m('FLUOROGRAPHY', A, 'electron', 'Флюорограф «Электрон» (плёночный)', 2000, 2014, 1, 0.5),

  // Angiography
  m('ANGIOGRAPHY', D, 'siemens', 'Artis zee floor', 2008, 2020, 2, 0.6),
  m('ANGIOGRAPHY', D, 'siemens', 'ARTIS icono floor', 2020, null, 1, 1),
  m('ANGIOGRAPHY', D, 'ge', 'Innova IGS 530', 2011, 2020, 2, 0.5),
  m('ANGIOGRAPHY', D, 'ge', 'Allia IGS 520', 2019, null, 1, 0.8),
  m('ANGIOGRAPHY', D, 'philips', 'Allura Xper FD20', 2006, 2018, 2, 0.6),
  m('ANGIOGRAPHY', D, 'philips', 'Azurion 7 M20', 2017, null, 1, 0.9),
  m('ANGIOGRAPHY', D, 'canon', 'Alphenix Core+', 2018, null, 1, 0.5),

  // Bone densitometry
  m('DENSITOMETRY', D, 'ge', 'Lunar Prodigy Advance', 2005, 2019, 3, 0.4),
  m('DENSITOMETRY', D, 'ge', 'Lunar iDXA', 2010, null, 1, 0.9),
  m('DENSITOMETRY', D, 'hologic', 'Discovery Wi', 2006, 2018, 2, 0.4),
  m('DENSITOMETRY', D, 'hologic', 'Horizon A', 2014, null, 2, 0.7),
];

/** Price ranges in millions of roubles (today's prices); analogue ranges where analogue units exist. */
export const PRICE_RANGES_MRUB: Record<
  Modality,
  Partial<Record<Technology, readonly [number, number]>>
> = {
  CT: { DIGITAL: [40, 120] },
  MRI: { DIGITAL: [80, 200] },
  MAMMOGRAPHY: { DIGITAL: [8, 25], ANALOGUE: [3, 7] },
  RADIOGRAPHY: { DIGITAL: [5, 20], ANALOGUE: [1.5, 5] },
  FLUOROGRAPHY: { DIGITAL: [4, 12], ANALOGUE: [1, 3] },
  ANGIOGRAPHY: { DIGITAL: [70, 160] },
  DENSITOMETRY: { DIGITAL: [4, 12] },
};

/** Modality codes of (0008,0060). */
export const DICOM_MODALITY: Record<Modality, string> = {
  CT: 'CT',
  MRI: 'MR',
  MAMMOGRAPHY: 'MG',
  RADIOGRAPHY: 'DX',
  FLUOROGRAPHY: 'DX',
  ANGIOGRAPHY: 'XA',
  DENSITOMETRY: 'BMD',
};

/** Short modality tag used in station names and AE titles. */
export const MODALITY_TAG: Record<Modality, string> = {
  CT: 'CT',
  MRI: 'MR',
  MAMMOGRAPHY: 'MG',
  RADIOGRAPHY: 'DX',
  FLUOROGRAPHY: 'FL',
  ANGIOGRAPHY: 'XA',
  DENSITOMETRY: 'BD',
};

/**
 * Nominal studies per hour at full use (CADTH: CT about 2.3, MRI about 1.8 exams per
 * scanner-hour; the others are planning assumptions).
 */
export const NOMINAL_STUDIES_PER_HOUR: Record<Modality, number> = {
  CT: 2.3,
  MRI: 1.8,
  MAMMOGRAPHY: 5,
  RADIOGRAPHY: 6,
  FLUOROGRAPHY: 12,
  ANGIOGRAPHY: 0.8,
  DENSITOMETRY: 3,
};

/** The models of a modality and technology that were sold in `year` (all of them if none was). */
export function modelsFor(
  modality: Modality,
  technology: Technology,
  year: number,
): EquipmentModel[] {
  const all = EQUIPMENT_MODELS.filter(
    (x) => x.modality === modality && x.technology === technology,
  );
  const sold = all.filter((x) => x.from <= year && (x.to === null || x.to >= year));
  if (sold.length > 0) {
    return sold;
  }
  // Outside every model's years: the closest ones in time.
  const distance = (x: EquipmentModel): number =>
    year < x.from ? x.from - year : x.to === null ? 0 : year - x.to;
  const best = Math.min(...all.map(distance));
  return all.filter((x) => distance(x) === best);
}

/**
 * Market weight of a model in a year: since 2022 western makers sell less and Russian and Asian
 * makers more (import substitution).
 */
export function modelWeight(model: EquipmentModel, year: number): number {
  if (year < 2022) {
    return model.share;
  }
  const origin = MANUFACTURERS[model.manufacturer].origin;
  return model.share * (origin === 'WESTERN' ? 0.4 : origin === 'RUSSIAN' ? 2 : 1.8);
}

export function dicomManufacturerName(key: ManufacturerKey, yearOfManufacture: number): string {
  const maker: Manufacturer = MANUFACTURERS[key];
  if (
    maker.legacyDicomName !== undefined &&
    maker.renamedIn !== undefined &&
    yearOfManufacture < maker.renamedIn
  ) {
    return maker.legacyDicomName;
  }
  return maker.dicomName;
}
