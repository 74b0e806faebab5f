import { type ManufacturerKey } from './equipment-catalogue.js';
import { type Modality, type SupplierKind } from './types.js';

/** Russian display data: streets, people, departments and the words of service records. */

export const STREETS: readonly string[] = [
  'ул. Ленина',
  'ул. Гагарина',
  'пр-т Мира',
  'ул. Садовая',
  'ул. Советская',
  'ул. Пушкина',
  'ул. Лесная',
  'ул. Школьная',
  'ул. Молодёжная',
  'ул. Центральная',
  'Набережная ул.',
  'ул. Победы',
  'ул. Кирова',
  'ул. Чехова',
  'ул. Строителей',
  'ул. Заводская',
  'ул. Первомайская',
  'ул. Октябрьская',
  'ул. Комсомольская',
  'ул. Профсоюзная',
  'ул. Дружбы',
  'ул. Циолковского',
  'ул. Маяковского',
  'ул. Лермонтова',
  'ул. Горького',
  'ул. Некрасова',
  'ул. Льва Толстого',
  'ул. Суворова',
  'ул. Кутузова',
  'ул. Маршала Жукова',
  'ул. Академика Королёва',
  'ул. Вавилова',
  'ул. Пирогова',
  'ул. Боткина',
  'ул. Сеченова',
  'ул. Академика Павлова',
  'ул. Менделеева',
  'ул. Ломоносова',
  'ул. Тимирязева',
  'ул. Мичурина',
  'ул. Фрунзе',
  'ул. Чкалова',
  'ш. Энтузиастов',
  'Ленинский пр-т',
  'Больничный пер.',
  'Госпитальный пер.',
  'Северный б-р',
  'Южный б-р',
  'Береговая ул.',
  'Парковая ул.',
  'Зелёная ул.',
  'Речная ул.',
  'Солнечная ул.',
  'ул. Космонавтов',
  'ул. Новаторов',
  'ул. Вернадского',
  'ул. Островского',
  'ул. Герцена',
  'ул. Белинского',
  'ул. Достоевского',
];

export const SURNAMES: readonly string[] = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Беляев',
];

export const MALE_NAMES: readonly string[] = [
  'Александр',
  'Алексей',
  'Андрей',
  'Дмитрий',
  'Сергей',
  'Михаил',
  'Николай',
  'Владимир',
  'Игорь',
  'Евгений',
  'Павел',
  'Олег',
  'Виктор',
  'Максим',
  'Артём',
  'Роман',
  'Константин',
  'Юрий',
  'Денис',
  'Илья',
];

export const FEMALE_NAMES: readonly string[] = [
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Марина',
  'Анна',
  'Мария',
  'Екатерина',
  'Юлия',
  'Людмила',
  'Галина',
  'Надежда',
  'Вера',
  'Оксана',
  'Анастасия',
  'Ксения',
];

/** Patronymics, male and female forms. */
export const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'],
  ['Алексеевич', 'Алексеевна'],
  ['Андреевич', 'Андреевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Сергеевич', 'Сергеевна'],
  ['Михайлович', 'Михайловна'],
  ['Николаевич', 'Николаевна'],
  ['Владимирович', 'Владимировна'],
  ['Игоревич', 'Игоревна'],
  ['Евгеньевич', 'Евгеньевна'],
  ['Павлович', 'Павловна'],
  ['Олегович', 'Олеговна'],
  ['Викторович', 'Викторовна'],
  ['Юрьевич', 'Юрьевна'],
  ['Константинович', 'Константиновна'],
  ['Романович', 'Романовна'],
];

export interface SupplierTemplate {
  name: string;
  kind: SupplierKind;
  /** Latin part of the e-mail domain. */
  domain: string;
  manufacturers: readonly ManufacturerKey[];
  /** Sells equipment (SUPPLY and LIFECYCLE contracts). */
  supplies: boolean;
  /** Services equipment (SERVICE contracts, ad-hoc repairs). */
  services: boolean;
}

const WESTERN: readonly ManufacturerKey[] = ['siemens', 'ge', 'philips'];
const RUSSIAN: readonly ManufacturerKey[] = ['electron', 'amico', 'mosrentgen', 'rentgenprom'];

/** Fictitious companies; any likeness of name, INN or address to a real one is coincidental. */
export const SUPPLIER_TEMPLATES: readonly SupplierTemplate[] = [
  {
    name: 'ООО «МедТехСервис»',
    kind: 'ORGANISATION',
    domain: 'medtehservis',
    manufacturers: [...WESTERN, 'canon'],
    supplies: false,
    services: true,
  },
  {
    name: 'АО «Медицинские системы и технологии»',
    kind: 'ORGANISATION',
    domain: 'medsystech',
    manufacturers: ['siemens', 'fujifilm'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «Рентген-Комплект»',
    kind: 'ORGANISATION',
    domain: 'rentgen-komplekt',
    manufacturers: RUSSIAN,
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «ДиаМедТехника»',
    kind: 'ORGANISATION',
    domain: 'diamedtehnika',
    manufacturers: ['ge', 'hologic'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «Томограф-Сервис»',
    kind: 'ORGANISATION',
    domain: 'tomograf-service',
    manufacturers: [...WESTERN, 'canon', 'unitedImaging'],
    supplies: false,
    services: true,
  },
  {
    name: 'ООО «МРТ Инжиниринг»',
    kind: 'ORGANISATION',
    domain: 'mrt-eng',
    manufacturers: ['siemens', 'ge', 'philips', 'canon'],
    supplies: false,
    services: true,
  },
  {
    name: 'ООО «Маммотех»',
    kind: 'ORGANISATION',
    domain: 'mammotech',
    manufacturers: ['hologic', 'fujifilm', 'siemens', 'ge', 'rentgenprom'],
    supplies: true,
    services: true,
  },
  {
    name: 'АО «Северо-Западная медицинская компания»',
    kind: 'ORGANISATION',
    domain: 'szmk-med',
    manufacturers: ['philips', 'canon'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «Лучевая диагностика»',
    kind: 'ORGANISATION',
    domain: 'luchdiag',
    manufacturers: ['fujifilm', 'canon', 'electron', 'rentgenprom'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «ПроМедТехника»',
    kind: 'ORGANISATION',
    domain: 'promedtehnika',
    manufacturers: ['ge', 'philips', 'amico', 'mosrentgen'],
    supplies: true,
    services: false,
  },
  {
    name: 'ООО «Юнайтед Медикал Трейд»',
    kind: 'ORGANISATION',
    domain: 'umtrade',
    manufacturers: ['unitedImaging'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «МедИнжСервис»',
    kind: 'ORGANISATION',
    domain: 'medingservis',
    manufacturers: [...WESTERN, 'fujifilm', 'hologic'],
    supplies: false,
    services: true,
  },
  {
    name: 'АО «Центр медицинского оборудования»',
    kind: 'ORGANISATION',
    domain: 'cmo-med',
    manufacturers: ['siemens', 'ge', 'philips', 'canon', 'unitedImaging', 'electron'],
    supplies: true,
    services: false,
  },
  {
    name: 'ООО «Рентгенсервис-Плюс»',
    kind: 'ORGANISATION',
    domain: 'rentgenservis-plus',
    manufacturers: [...RUSSIAN, 'siemens', 'philips'],
    supplies: false,
    services: true,
  },
  {
    name: 'ООО «Медкомплекс Поставка»',
    kind: 'ORGANISATION',
    domain: 'medkompleks',
    manufacturers: ['hologic', 'fujifilm', 'ge', ...RUSSIAN],
    supplies: true,
    services: false,
  },
  {
    name: 'ООО «ТехноМедПроект»',
    kind: 'ORGANISATION',
    domain: 'tmproject',
    manufacturers: ['canon', 'unitedImaging', 'siemens'],
    supplies: true,
    services: true,
  },
  {
    name: 'ООО «Ангио-Сервис»',
    kind: 'ORGANISATION',
    domain: 'angio-service',
    manufacturers: ['siemens', 'ge', 'philips', 'canon'],
    supplies: false,
    services: true,
  },
  {
    name: 'ИП Кузнецов Андрей Викторович',
    kind: 'SOLE_TRADER',
    domain: 'kuznetsov-service',
    manufacturers: RUSSIAN,
    supplies: false,
    services: true,
  },
  {
    name: 'ИП Белова Ольга Сергеевна',
    kind: 'SOLE_TRADER',
    domain: 'belova-med',
    manufacturers: ['mosrentgen', 'amico', 'electron', 'philips'],
    supplies: false,
    services: true,
  },
  {
    name: 'ИП Морозов Дмитрий Игоревич',
    kind: 'SOLE_TRADER',
    domain: 'morozov-rtg',
    manufacturers: ['rentgenprom', 'electron', 'ge'],
    supplies: false,
    services: true,
  },
];

/** Departments a device of each modality is found in, by facility type. */
export const DEPARTMENTS: Record<
  Modality,
  { inpatient: readonly string[]; outpatient: readonly string[] }
> = {
  CT: {
    inpatient: [
      'Отделение лучевой диагностики',
      'Приёмное отделение',
      'Отделение компьютерной томографии',
    ],
    outpatient: ['Отделение лучевой диагностики', 'Кабинет компьютерной томографии'],
  },
  MRI: {
    inpatient: ['Отделение лучевой диагностики', 'Отделение магнитно-резонансной томографии'],
    outpatient: ['Отделение лучевой диагностики', 'Кабинет магнитно-резонансной томографии'],
  },
  MAMMOGRAPHY: {
    inpatient: ['Отделение лучевой диагностики', 'Маммологическое отделение'],
    outpatient: [
      'Маммографический кабинет',
      'Отделение лучевой диагностики',
      'Женская консультация',
    ],
  },
  RADIOGRAPHY: {
    inpatient: [
      'Рентгеновское отделение',
      'Отделение лучевой диагностики',
      'Приёмное отделение',
      'Травматологический пункт',
      'Отделение анестезиологии и реанимации',
    ],
    outpatient: ['Рентгеновское отделение', 'Рентгеновский кабинет', 'Травматологический пункт'],
  },
  FLUOROGRAPHY: {
    inpatient: ['Флюорографический кабинет', 'Отделение лучевой диагностики'],
    outpatient: ['Флюорографический кабинет', 'Отделение профилактики'],
  },
  ANGIOGRAPHY: {
    inpatient: ['Отделение рентгенохирургических методов диагностики и лечения'],
    outpatient: ['Отделение рентгенохирургических методов диагностики и лечения'],
  },
  DENSITOMETRY: {
    inpatient: ['Кабинет остеоденситометрии', 'Отделение лучевой диагностики'],
    outpatient: ['Кабинет остеоденситометрии', 'Отделение лучевой диагностики'],
  },
};

export const BREAKDOWN_FAULTS: Record<Modality, readonly string[]> = {
  CT: [
    'Выход из строя рентгеновской трубки',
    'Артефакты на изображениях, неисправность модуля детектора',
    'Неисправность системы охлаждения гентри',
    'Ошибка высоковольтного генератора',
    'Отказ привода стола пациента',
    'Сбой реконструкционного компьютера',
  ],
  MRI: [
    'Снижение уровня гелия, неисправность холодной головки',
    'Неисправность градиентного усилителя',
    'Отказ приёмной радиочастотной катушки',
    'Авария чиллера системы охлаждения',
    'Сбой консоли оператора, не запускается сканирование',
  ],
  MAMMOGRAPHY: [
    'Неисправность механизма компрессии',
    'Ошибка цифрового детектора',
    'Неисправность коллиматора',
    'Выход из строя рентгеновской трубки',
    'Неисправность проявочной машины',
  ],
  RADIOGRAPHY: [
    'Неисправность генератора высокого напряжения',
    'Выход из строя рентгеновской трубки',
    'Неисправность плоскопанельного детектора',
    'Отказ штатива снимков',
    'Неисправность стола-штатива',
    'Неисправность проявочной машины',
  ],
  FLUOROGRAPHY: [
    'Неисправность приёмника изображения',
    'Ошибка механизма сканирования',
    'Неисправность генератора высокого напряжения',
    'Сбой рабочей станции лаборанта',
  ],
  ANGIOGRAPHY: [
    'Неисправность С-дуги, ошибка позиционирования',
    'Выход из строя рентгеновской трубки',
    'Неисправность детектора',
    'Сбой системы инжектора контрастного вещества',
  ],
  DENSITOMETRY: [
    'Ошибка калибровки, отказ сканирующего плеча',
    'Сбой рабочей станции',
    'Неисправность источника излучения',
  ],
};

/** Faults that take weeks: parts from abroad, tube or coil replacement. */
export const MAJOR_FAULTS: Record<Modality, string> = {
  CT: 'Выход из строя рентгеновской трубки, ожидание поставки запчасти',
  MRI: 'Квенч магнита, восстановление сверхпроводимости и дозаправка гелием',
  MAMMOGRAPHY: 'Отказ цифрового детектора, замена детектора',
  RADIOGRAPHY: 'Отказ плоскопанельного детектора, ожидание поставки запчасти',
  FLUOROGRAPHY: 'Отказ приёмника изображения, замена блока детектирования',
  ANGIOGRAPHY: 'Выход из строя рентгеновской трубки, ожидание поставки запчасти',
  DENSITOMETRY: 'Отказ источника излучения, замена блока',
};

export const MAINTENANCE_WORKS: readonly string[] = [
  'Плановое техническое обслуживание (ТО-1)',
  'Плановое техническое обслуживание (ТО-2), замена фильтров и расходных частей',
  'Периодическое техническое обслуживание по регламенту производителя',
];

export const CALIBRATION_WORKS: Record<Modality, string> = {
  CT: 'Калибровка детектора по воздуху и водному фантому',
  MRI: 'Калибровка и шиммирование магнита, контроль качества по фантому',
  MAMMOGRAPHY: 'Калибровка детектора, контроль качества изображения по фантому',
  RADIOGRAPHY: 'Калибровка детектора и автоматического контроля экспозиции',
  FLUOROGRAPHY: 'Калибровка приёмника изображения',
  ANGIOGRAPHY: 'Калибровка детектора и системы позиционирования',
  DENSITOMETRY: 'Калибровка по фантому позвоночника',
};

export const INSPECTION_WORKS: Record<Modality, string> = {
  CT: 'Контроль эксплуатационных параметров, дозиметрический контроль',
  MRI: 'Ежегодная проверка электробезопасности и систем экранирования',
  MAMMOGRAPHY: 'Контроль эксплуатационных параметров, дозиметрический контроль',
  RADIOGRAPHY: 'Контроль эксплуатационных параметров, дозиметрический контроль',
  FLUOROGRAPHY: 'Контроль эксплуатационных параметров, дозиметрический контроль',
  ANGIOGRAPHY: 'Контроль эксплуатационных параметров, дозиметрический контроль',
  DENSITOMETRY: 'Контроль эксплуатационных параметров',
};

export const UPGRADE_WORKS: Record<Modality, readonly string[]> = {
  CT: ['Обновление программного обеспечения сканера', 'Установка модуля итеративной реконструкции'],
  MRI: [
    'Обновление программного обеспечения',
    'Установка пакета быстрых импульсных последовательностей',
  ],
  MAMMOGRAPHY: ['Установка модуля томосинтеза', 'Обновление программного обеспечения'],
  RADIOGRAPHY: ['Замена рабочей станции лаборанта', 'Обновление программного обеспечения'],
  FLUOROGRAPHY: ['Замена рабочей станции лаборанта', 'Обновление программного обеспечения'],
  ANGIOGRAPHY: [
    'Обновление программного обеспечения',
    'Установка модуля 3D-ротационной ангиографии',
  ],
  DENSITOMETRY: ['Обновление программного обеспечения'],
};

export const DECOMMISSIONING_REASONS: readonly string[] = [
  'Исчерпан ресурс, восстановление экономически нецелесообразно',
  'Замена по контракту жизненного цикла',
  'Неисправность рентгеновской трубки, запасные части не поставляются',
  'Истёк срок службы, модель снята с производства и поддержки',
  'Не соответствует требованиям по результатам контроля эксплуатационных параметров',
];

export const MODALITY_PLURAL_GENITIVE: Record<Modality, string> = {
  CT: 'компьютерных томографов',
  MRI: 'магнитно-резонансных томографов',
  MAMMOGRAPHY: 'маммографов',
  RADIOGRAPHY: 'рентгенодиагностических комплексов',
  FLUOROGRAPHY: 'флюорографов',
  ANGIOGRAPHY: 'ангиографических комплексов',
  DENSITOMETRY: 'остеоденситометров',
};
