import { DeviceStatus, FundingSource, Modality, Technology } from '@radfleet/shared';
import type { ColumnSpec } from '../common/spreadsheet/index.js';

/** Russian and English names of the enum values, as people type them in spreadsheets. */
export const MODALITY_LABELS: Record<Modality, { ru: string; en: string; aliases: string[] }> = {
  [Modality.CT]: {
    ru: 'КТ',
    en: 'CT',
    aliases: ['Компьютерная томография', 'Компьютерный томограф', 'Computed tomography'],
  },
  [Modality.MRI]: {
    ru: 'МРТ',
    en: 'MRI',
    aliases: [
      'Магнитно-резонансная томография',
      'Магнитно-резонансный томограф',
      'MR',
      'Magnetic resonance imaging',
    ],
  },
  [Modality.MAMMOGRAPHY]: { ru: 'Маммография', en: 'Mammography', aliases: ['Маммограф', 'MG'] },
  [Modality.RADIOGRAPHY]: {
    ru: 'Рентгенография',
    en: 'Radiography',
    aliases: [
      'Рентген',
      'Рентгеновский аппарат',
      'Рентгенодиагностический комплекс',
      'X-ray',
      'DX',
      'CR',
    ],
  },
  [Modality.FLUOROGRAPHY]: { ru: 'Флюорография', en: 'Fluorography', aliases: ['Флюорограф'] },
  [Modality.ANGIOGRAPHY]: { ru: 'Ангиография', en: 'Angiography', aliases: ['Ангиограф', 'XA'] },
  [Modality.DENSITOMETRY]: {
    ru: 'Денситометрия',
    en: 'Densitometry',
    aliases: ['Денситометр', 'DXA'],
  },
};

export const TECHNOLOGY_LABELS: Record<Technology, { ru: string; en: string; aliases: string[] }> =
  {
    [Technology.DIGITAL]: { ru: 'Цифровой', en: 'Digital', aliases: ['Цифровая', 'Цифра', 'ЦР'] },
    [Technology.ANALOGUE]: {
      ru: 'Аналоговый',
      en: 'Analogue',
      aliases: ['Аналоговая', 'Плёночный', 'Пленочный', 'Analog'],
    },
  };

export const STATUS_LABELS: Record<DeviceStatus, { ru: string; en: string; aliases: string[] }> = {
  [DeviceStatus.PLANNED]: { ru: 'Планируется', en: 'Planned', aliases: ['План', 'Запланирован'] },
  [DeviceStatus.IN_SERVICE]: {
    ru: 'В эксплуатации',
    en: 'In service',
    aliases: ['Работает', 'Эксплуатируется'],
  },
  [DeviceStatus.UNDER_REPAIR]: {
    ru: 'В ремонте',
    en: 'Under repair',
    aliases: ['Ремонт', 'Неисправен'],
  },
  [DeviceStatus.IDLE]: { ru: 'Простаивает', en: 'Idle', aliases: ['Простой', 'Не используется'] },
  [DeviceStatus.DECOMMISSIONED]: {
    ru: 'Списан',
    en: 'Decommissioned',
    aliases: ['Списано', 'Выведен из эксплуатации'],
  },
};

export const FUNDING_LABELS: Record<FundingSource, { ru: string; en: string; aliases: string[] }> =
  {
    [FundingSource.CITY_BUDGET]: {
      ru: 'Бюджет города',
      en: 'City budget',
      aliases: ['Городской бюджет', 'Региональный бюджет'],
    },
    [FundingSource.FEDERAL_BUDGET]: {
      ru: 'Федеральный бюджет',
      en: 'Federal budget',
      aliases: ['Нацпроект', 'Национальный проект'],
    },
    [FundingSource.COMPULSORY_HEALTH_INSURANCE]: {
      ru: 'ОМС',
      en: 'Compulsory health insurance',
      aliases: ['Средства ОМС', 'CHI'],
    },
    [FundingSource.INCOME_GENERATING]: {
      ru: 'Приносящая доход деятельность',
      en: 'Income-generating',
      aliases: ['Платные услуги', 'Внебюджет'],
    },
    [FundingSource.OTHER]: { ru: 'Другое', en: 'Other', aliases: ['Прочее'] },
  };

function enumValues<E extends string>(
  labels: Record<E, { ru: string; en: string; aliases: string[] }>,
) {
  return (Object.entries(labels) as [E, { ru: string; en: string; aliases: string[] }][]).map(
    ([value, l]) => ({
      value,
      aliases: [l.ru, l.en, value, ...l.aliases],
    }),
  );
}

/**
 * The columns of the device spreadsheet: the import template, the import reader and (in the same
 * order) the export. Rows match existing devices on the inventory number.
 */
export const DEVICE_COLUMNS = [
  {
    key: 'inventoryNumber',
    header: { ru: 'Инвентарный номер', en: 'Inventory number' },
    aliases: ['Инв. №', 'Инв. номер', 'Инвентарный №'],
    type: 'string',
    required: true,
    maxLength: 64,
  },
  {
    key: 'facilityCode',
    header: { ru: 'Код учреждения', en: 'Facility code' },
    aliases: ['Учреждение (код)', 'Код МО'],
    type: 'string',
    required: true,
    maxLength: 32,
  },
  {
    key: 'modality',
    header: { ru: 'Модальность', en: 'Modality' },
    aliases: ['Вид оборудования', 'Тип оборудования'],
    type: 'enum',
    enumValues: enumValues(MODALITY_LABELS),
  },
  {
    key: 'technology',
    header: { ru: 'Технология', en: 'Technology' },
    aliases: ['Цифровой/аналоговый'],
    type: 'enum',
    enumValues: enumValues(TECHNOLOGY_LABELS),
  },
  {
    key: 'manufacturer',
    header: { ru: 'Производитель', en: 'Manufacturer' },
    type: 'string',
    maxLength: 200,
  },
  { key: 'model', header: { ru: 'Модель', en: 'Model' }, type: 'string', maxLength: 200 },
  {
    key: 'serialNumber',
    header: { ru: 'Серийный номер', en: 'Serial number' },
    aliases: ['Заводской номер', 'S/N'],
    type: 'string',
    maxLength: 100,
  },
  {
    key: 'department',
    header: { ru: 'Отделение', en: 'Department' },
    type: 'string',
    maxLength: 200,
  },
  {
    key: 'room',
    header: { ru: 'Кабинет', en: 'Room' },
    aliases: ['Помещение'],
    type: 'string',
    maxLength: 50,
  },
  {
    key: 'yearOfManufacture',
    header: { ru: 'Год выпуска', en: 'Year of manufacture' },
    aliases: ['Год изготовления'],
    type: 'integer',
    min: 1950,
    max: 2100,
  },
  {
    key: 'commissioningDate',
    header: { ru: 'Дата ввода в эксплуатацию', en: 'Commissioning date' },
    aliases: ['Дата ввода'],
    type: 'date',
    min: '1950-01-01',
  },
  {
    key: 'purchasePrice',
    header: { ru: 'Стоимость, руб.', en: 'Purchase price, RUB' },
    aliases: ['Стоимость', 'Цена, руб.', 'Балансовая стоимость'],
    type: 'decimal',
    scale: 2,
    min: 0,
  },
  {
    key: 'fundingSource',
    header: { ru: 'Источник финансирования', en: 'Funding source' },
    type: 'enum',
    enumValues: enumValues(FUNDING_LABELS),
  },
  {
    key: 'serviceLifeYears',
    header: { ru: 'Срок службы, лет', en: 'Service life, years' },
    aliases: ['Срок службы'],
    type: 'integer',
    min: 1,
    max: 50,
  },
  {
    key: 'status',
    header: { ru: 'Статус', en: 'Status' },
    aliases: ['Состояние'],
    type: 'enum',
    enumValues: enumValues(STATUS_LABELS),
  },
  {
    key: 'decommissionedOn',
    header: { ru: 'Дата списания', en: 'Decommissioned on' },
    type: 'date',
    min: '1950-01-01',
  },
  {
    key: 'decommissionReason',
    header: { ru: 'Причина списания', en: 'Decommission reason' },
    type: 'string',
    maxLength: 1000,
  },
  {
    key: 'archiveConnected',
    header: { ru: 'Подключён к архиву', en: 'Connected to archive' },
    aliases: ['Подключен к архиву', 'Подключение к ЕРИС'],
    type: 'boolean',
  },
  {
    key: 'dicomStationName',
    header: { ru: 'DICOM Station Name', en: 'DICOM station name' },
    aliases: ['Station Name'],
    type: 'string',
    maxLength: 16,
  },
  {
    key: 'dicomAeTitle',
    header: { ru: 'AE Title', en: 'AE title' },
    aliases: ['AET'],
    type: 'string',
    maxLength: 16,
  },
  {
    key: 'dicomSerialNumber',
    header: { ru: 'DICOM серийный номер', en: 'DICOM serial number' },
    aliases: ['Device Serial Number'],
    type: 'string',
    maxLength: 64,
  },
  {
    key: 'dicomInstitutionName',
    header: { ru: 'DICOM Institution Name', en: 'DICOM institution name' },
    aliases: ['Institution Name'],
    type: 'string',
    maxLength: 64,
  },
  {
    key: 'notes',
    header: { ru: 'Примечание', en: 'Notes' },
    aliases: ['Комментарий'],
    type: 'string',
    maxLength: 4000,
  },
] as const satisfies readonly ColumnSpec[];

export type DeviceColumnKey = (typeof DEVICE_COLUMNS)[number]['key'];
