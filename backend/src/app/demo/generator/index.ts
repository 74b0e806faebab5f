export * from './types.js';
export { Prng } from './prng.js';
export { parseIsoDate, formatIsoDate } from './calendar.js';
export { formatKopecks, parseDecimalKopecks } from './money.js';
export {
  EQUIPMENT_MODELS,
  MANUFACTURERS,
  NOMINAL_STUDIES_PER_HOUR,
  PRICE_RANGES_MRUB,
  DICOM_MODALITY,
} from './equipment-catalogue.js';
export { BASE_DEVICE_MIX, ANALOGUE_SHARE } from './devices.js';
export { DISTRICT_ABBREVIATIONS, FACILITY_KINDS } from './facilities.js';
export {
  ANNUAL_GROWTH,
  DAY_FACTORS,
  IMAGES_PER_STUDY,
  MONTH_FACTORS,
  WEEKDAY_STUDIES,
  generateDailyUtilisation,
  generateDeviceUtilisation,
  generateUtilisationByDevice,
} from './utilisation.js';
export { DEFAULT_HISTORY_YEARS, MAX_SCALE, generateCity } from './city.js';
