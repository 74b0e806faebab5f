import { innControlDigits } from '@radfleet/shared';
import { MANUFACTURERS } from './equipment-catalogue.js';
import { type Prng } from './prng.js';
import {
  FEMALE_NAMES,
  MALE_NAMES,
  PATRONYMICS,
  STREETS,
  SUPPLIER_TEMPLATES,
  SURNAMES,
  type SupplierTemplate,
} from './reference-data.js';
import { type DemoSupplier } from './types.js';

export interface SupplierDraft {
  record: DemoSupplier;
  template: SupplierTemplate;
}

/** Tax offices of Moscow (77xx) and the Moscow region (50xx) that suppliers are registered with. */
const TAX_OFFICES = [
  '7701',
  '7703',
  '7704',
  '7705',
  '7707',
  '7709',
  '7714',
  '7718',
  '7722',
  '7728',
  '7731',
  '7734',
  '7736',
  '7743',
  '7751',
  '5003',
  '5027',
  '5047',
];

/** The 20 suppliers: organisations with 10-digit INNs and KPPs, sole traders with 12-digit INNs. */
export function generateSuppliers(rng: Prng): SupplierDraft[] {
  const inns = new Set<string>();
  return SUPPLIER_TEMPLATES.map((template, i) => {
    const office = rng.pick(TAX_OFFICES);
    let inn: string;
    do {
      const prefix =
        template.kind === 'ORGANISATION'
          ? office + rng.pattern('#####')
          : office + rng.pattern('######');
      inn = prefix + innControlDigits(prefix);
    } while (inns.has(inn));
    inns.add(inn);

    const soleTrader = template.kind === 'SOLE_TRADER';
    const contactPerson = soleTrader ? template.name.replace(/^ИП /, '') : person(rng);
    const phone = rng.chance(0.7)
      ? `+7 (${rng.pick(['495', '499'])}) ${rng.pattern('###-##-##')}`
      : `+7 (9${rng.pattern('##')}) ${rng.pattern('###-##-##')}`;
    const email = soleTrader
      ? `${template.domain}@mail.ru`
      : `${rng.pick(['info', 'service', 'tender', 'sales'])}@${template.domain}.ru`;
    const office2 = rng.chance(0.6) ? `, оф. ${rng.int(1, 420)}` : '';
    return {
      record: {
        code: `SUP-${String(i + 1).padStart(2, '0')}`,
        name: template.name,
        kind: template.kind,
        inn,
        kpp: soleTrader ? null : `${office}01001`,
        address: `${office.startsWith('50') ? 'Московская обл., г. Химки' : 'г. Москва'}, ${rng.pick(STREETS)}, д. ${rng.int(1, 120)}${office2}`,
        contactPerson,
        phone,
        email,
        manufacturers: template.manufacturers.map((key) => MANUFACTURERS[key].name),
      },
      template,
    };
  });
}

/** «Кузнецов Андрей Викторович» or «Кузнецова Ольга Сергеевна». */
export function person(rng: Prng): string {
  const female = rng.chance(0.5);
  const surname = rng.pick(SURNAMES);
  const [male, fem] = rng.pick(PATRONYMICS);
  return female
    ? `${surname}а ${rng.pick(FEMALE_NAMES)} ${fem}`
    : `${surname} ${rng.pick(MALE_NAMES)} ${male}`;
}
