import { District, DISTRICT_NAMES, FacilityType } from '@radfleet/shared';
import { apportion } from './apportion.js';
import { type Prng } from './prng.js';
import { STREETS } from './reference-data.js';
import { type DemoDistrict, type DemoFacility, type Modality } from './types.js';

export const DISTRICT_ABBREVIATIONS: Readonly<Record<District, string>> = {
  [District.CAO]: 'ЦАО',
  [District.SAO]: 'САО',
  [District.SVAO]: 'СВАО',
  [District.VAO]: 'ВАО',
  [District.YUVAO]: 'ЮВАО',
  [District.YUAO]: 'ЮАО',
  [District.YUZAO]: 'ЮЗАО',
  [District.ZAO]: 'ЗАО',
  [District.SZAO]: 'СЗАО',
  [District.ZELAO]: 'ЗелАО',
  [District.NAO]: 'НАО',
  [District.TAO]: 'ТАО',
};

/** Relative weight of a district in the number of facilities: roughly its population. */
const DISTRICT_WEIGHTS: Readonly<Record<District, number>> = {
  [District.CAO]: 0.8,
  [District.SAO]: 1.15,
  [District.SVAO]: 1.4,
  [District.VAO]: 1.5,
  [District.YUVAO]: 1.4,
  [District.YUAO]: 1.75,
  [District.YUZAO]: 1.4,
  [District.ZAO]: 1.35,
  [District.SZAO]: 1.0,
  [District.ZELAO]: 0.3,
  [District.NAO]: 0.4,
  [District.TAO]: 0.2,
};

/** The centre holds more than its share of big hospitals. */
const HOSPITAL_CENTRE_BONUS = 2;

export interface FacilityKind {
  key: string;
  type: FacilityType;
  /** «Городская клиническая больница» (followed by «№ N»). */
  name: string;
  /** «ГКБ» */
  short: string;
  /** `GKB`: the Latin tag of DICOM station names and AE titles. */
  latin: string;
  /** Number of such facilities in the base (scale 1) city. */
  count: number;
  /** Median relative size (how much equipment it has). */
  size: number;
  /** How likely it is to hold each modality (0: never). */
  affinity: Readonly<Record<Modality, number>>;
}

function affinity(
  ct: number,
  mri: number,
  mammography: number,
  radiography: number,
  fluorography: number,
  angiography: number,
  densitometry: number,
): Record<Modality, number> {
  return {
    CT: ct,
    MRI: mri,
    MAMMOGRAPHY: mammography,
    RADIOGRAPHY: radiography,
    FLUOROGRAPHY: fluorography,
    ANGIOGRAPHY: angiography,
    DENSITOMETRY: densitometry,
  };
}

const { HOSPITAL, OUTPATIENT_CLINIC, DIAGNOSTIC_CENTRE, OTHER } = FacilityType;

/** 155 facilities at scale 1: 45 hospitals, 90 outpatient clinics, 8 diagnostic centres, 12 others. */
export const FACILITY_KINDS: readonly FacilityKind[] = [
  {
    key: 'GKB',
    type: HOSPITAL,
    name: 'Городская клиническая больница',
    short: 'ГКБ',
    latin: 'GKB',
    count: 25,
    size: 1.4,
    affinity: affinity(1, 1, 1, 1, 1, 1, 0.3),
  },
  {
    key: 'GB',
    type: HOSPITAL,
    name: 'Городская больница',
    short: 'ГБ',
    latin: 'GB',
    count: 7,
    size: 0.8,
    affinity: affinity(0.8, 0.5, 1, 1, 1, 0.3, 0.3),
  },
  {
    key: 'DGKB',
    type: HOSPITAL,
    name: 'Детская городская клиническая больница',
    short: 'ДГКБ',
    latin: 'DGKB',
    count: 7,
    size: 0.9,
    affinity: affinity(0.8, 0.8, 0, 1, 0.3, 0.2, 0.2),
  },
  {
    key: 'IKB',
    type: HOSPITAL,
    name: 'Инфекционная клиническая больница',
    short: 'ИКБ',
    latin: 'IKB',
    count: 2,
    size: 0.6,
    affinity: affinity(1, 0.3, 0, 1, 0.5, 0, 0),
  },
  {
    key: 'GVV',
    type: HOSPITAL,
    name: 'Госпиталь для ветеранов войн',
    short: 'ГВВ',
    latin: 'GVV',
    count: 2,
    size: 0.8,
    affinity: affinity(1, 1, 0.5, 1, 1, 0.5, 1),
  },
  {
    key: 'RD',
    type: HOSPITAL,
    name: 'Родильный дом',
    short: 'РД',
    latin: 'RD',
    count: 2,
    size: 0.3,
    affinity: affinity(0, 0, 0.3, 0.4, 0.3, 0, 0),
  },
  {
    key: 'GP',
    type: OUTPATIENT_CLINIC,
    name: 'Городская поликлиника',
    short: 'ГП',
    latin: 'GP',
    count: 65,
    size: 1,
    affinity: affinity(1, 1, 1, 1, 1, 0, 1),
  },
  {
    key: 'DGP',
    type: OUTPATIENT_CLINIC,
    name: 'Детская городская поликлиника',
    short: 'ДГП',
    latin: 'DGP',
    count: 25,
    size: 0.6,
    affinity: affinity(0, 0.2, 0, 1, 0.3, 0, 0.2),
  },
  {
    key: 'KDC',
    type: DIAGNOSTIC_CENTRE,
    name: 'Консультативно-диагностический центр',
    short: 'КДЦ',
    latin: 'KDC',
    count: 5,
    size: 1.2,
    affinity: affinity(1, 1, 1, 1, 1, 0, 1),
  },
  {
    key: 'DC',
    type: DIAGNOSTIC_CENTRE,
    name: 'Диагностический центр',
    short: 'ДЦ',
    latin: 'DC',
    count: 3,
    size: 0.9,
    affinity: affinity(1, 1, 1, 1, 1, 0, 1),
  },
  {
    key: 'PTD',
    type: OTHER,
    name: 'Противотуберкулёзный диспансер',
    short: 'ПТД',
    latin: 'PTD',
    count: 5,
    size: 1,
    affinity: affinity(1, 0, 0, 1, 1, 0, 0),
  },
  {
    key: 'OD',
    type: OTHER,
    name: 'Онкологический диспансер',
    short: 'ОД',
    latin: 'OD',
    count: 3,
    size: 1.2,
    affinity: affinity(1, 1, 1, 1, 0.2, 0, 0.3),
  },
  {
    key: 'CMR',
    type: OTHER,
    name: 'Центр медицинской реабилитации',
    short: 'ЦМР',
    latin: 'CMR',
    count: 2,
    size: 0.5,
    affinity: affinity(0, 0.3, 0, 1, 0.3, 0, 1),
  },
  {
    key: 'VFD',
    type: OTHER,
    name: 'Врачебно-физкультурный диспансер',
    short: 'ВФД',
    latin: 'VFD',
    count: 2,
    size: 0.4,
    affinity: affinity(0, 0, 0, 1, 0.5, 0, 0),
  },
];

const TYPE_ORDER: readonly FacilityType[] = [HOSPITAL, OUTPATIENT_CLINIC, DIAGNOSTIC_CENTRE, OTHER];

/** A facility with what the device generator needs to know about it. */
export interface FacilityDraft {
  record: DemoFacility;
  kind: FacilityKind;
  number: number;
  /** Relative amount of equipment. */
  size: number;
  /** `GKB15`: facility tag for station names and AE titles (unique). */
  tag: string;
}

export function generateDistricts(): DemoDistrict[] {
  return Object.values(District).map((code) => ({
    code,
    name: DISTRICT_NAMES[code].ru,
    abbreviation: DISTRICT_ABBREVIATIONS[code],
  }));
}

/** `scale` × 155 facilities with unique codes, numbers, names and addresses. */
export function generateFacilities(rng: Prng, scale: number): FacilityDraft[] {
  const districts = Object.values(District);
  const streetsByDistrict = new Map<District, string[]>();
  for (const district of districts) {
    streetsByDistrict.set(district, rng.shuffle(STREETS).slice(0, 14));
  }
  const usedAddresses = new Set<string>();
  const drafts: FacilityDraft[] = [];

  for (const kind of FACILITY_KINDS) {
    const count = kind.count * scale;
    const numbers = distinctNumbers(rng, count);
    const weights = districts.map(
      (d) =>
        DISTRICT_WEIGHTS[d] *
        (kind.type === HOSPITAL && d === District.CAO ? HOSPITAL_CENTRE_BONUS : 1) *
        rng.float(0.7, 1.3),
    );
    const perDistrict = apportion(count, weights);
    const slots = districts.flatMap((d, i) =>
      Array.from({ length: perDistrict[i] as number }, () => d),
    );
    const shuffledNumbers = rng.shuffle(numbers);
    slots.forEach((district, i) => {
      const number = shuffledNumbers[i] as number;
      const streets = streetsByDistrict.get(district) as string[];
      let address: string;
      do {
        address = randomAddress(rng, streets);
      } while (usedAddresses.has(address));
      usedAddresses.add(address);
      drafts.push({
        record: {
          code: '',
          name: `${kind.name} № ${number}`,
          shortName: `${kind.short} № ${number}`,
          type: kind.type,
          district,
          address,
        },
        kind,
        number,
        size: rng.logNormal(kind.size, 0.4),
        tag: `${kind.latin}${number}`,
      });
    });
  }

  drafts.sort(
    (x, y) =>
      TYPE_ORDER.indexOf(x.kind.type) - TYPE_ORDER.indexOf(y.kind.type) ||
      FACILITY_KINDS.indexOf(x.kind) - FACILITY_KINDS.indexOf(y.kind) ||
      x.number - y.number,
  );
  const width = Math.max(3, String(drafts.length).length);
  drafts.forEach((draft, i) => {
    draft.record.code = `MO-${String(i + 1).padStart(width, '0')}`;
  });
  return drafts;
}

/** `count` distinct facility numbers with gaps, as real city numbering has (№ 1, 4, 13, 15 …). */
function distinctNumbers(rng: Prng, count: number): number[] {
  const range = Math.ceil(count * 2.2) + 2;
  const all = Array.from({ length: range }, (_, i) => i + 1);
  return rng
    .shuffle(all)
    .slice(0, count)
    .sort((a, b) => a - b);
}

function randomAddress(rng: Prng, streets: readonly string[]): string {
  const street = rng.pick(streets);
  const house = rng.int(1, 160);
  const r = rng.next();
  const building =
    r < 0.25 ? `, корп. ${rng.int(1, 6)}` : r < 0.35 ? `, стр. ${rng.int(1, 4)}` : '';
  return `${street}, д. ${house}${building}`;
}
