import {
  type ContractType as SharedContractType,
  type DeviceStatus as SharedDeviceStatus,
  type District,
  type FacilityType,
  type FundingSource as SharedFundingSource,
  type Modality as SharedModality,
  type SupplierKind as SharedSupplierKind,
  type Technology as SharedTechnology,
} from '@radfleet/shared';

/**
 * Plain records of the demo city. Every record carries a stable string key (`code`, or
 * `inventoryNumber` for devices) and refers to others by those keys, so a loader can insert each
 * list in bulk (common/bulk-insert.ts: INSERT … SELECT FROM unnest) and resolve UUIDs afterwards. Dates are ISO `YYYY-MM-DD`; timestamps are ISO 8601
 * in Moscow time (`2024-03-05T09:30:00+03:00`); money is an exact decimal string in roubles with
 * two decimals (`"48763200.00"`).
 */

/** Calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** Timestamp with offset, `YYYY-MM-DDTHH:mm:ss+03:00`. */
export type IsoTimestamp = string;
/** Exact amount in roubles, `"12345.67"`. */
export type DecimalString = string;

/**
 * The enums the product already has in `@radfleet/shared` are used here as their string values
 * (`'CT'`, not `Modality.CT`), so a loader writes them unchanged and this file stops compiling if
 * they drift apart.
 */
export type Modality = `${SharedModality}`;
export type Technology = `${SharedTechnology}`;
export type DeviceStatus = `${SharedDeviceStatus}`;
/** City budget; federal programmes (national project «Здравоохранение»); ОМС fund; the facility's own paid services. */
export type FundingSource = `${SharedFundingSource}`;

/** Every modality, in the order the generator walks them (each `Record<Modality, …>` below must list them all). */
export const MODALITIES = [
  'CT',
  'MRI',
  'MAMMOGRAPHY',
  'RADIOGRAPHY',
  'FLUOROGRAPHY',
  'ANGIOGRAPHY',
  'DENSITOMETRY',
] as const satisfies readonly Modality[];

export const DEVICE_STATUSES = [
  'IN_SERVICE',
  'UNDER_REPAIR',
  'IDLE',
  'DECOMMISSIONED',
  'PLANNED',
] as const satisfies readonly DeviceStatus[];

/** The funding sources the generator assigns. */
export const FUNDING_SOURCES = [
  'CITY_BUDGET',
  'FEDERAL_BUDGET',
  'COMPULSORY_HEALTH_INSURANCE',
  'INCOME_GENERATING',
] as const satisfies readonly FundingSource[];

export type ContractType = `${SharedContractType}`;

export const SERVICE_EVENT_TYPES = [
  'BREAKDOWN',
  'PREVENTIVE_MAINTENANCE',
  'CALIBRATION',
  'UPGRADE',
  'INSPECTION',
] as const;
export type ServiceEventType = (typeof SERVICE_EVENT_TYPES)[number];

export interface DemoDistrict {
  code: District;
  /** «Центральный» */
  name: string;
  /** «ЦАО» */
  abbreviation: string;
}

export interface DemoFacility {
  /** `MO-001` (wider at large scales: `MO-0001`). */
  code: string;
  /** «Городская клиническая больница № 15» */
  name: string;
  /** «ГКБ № 15» */
  shortName: string;
  type: FacilityType;
  district: District;
  /** «ул. Гагарина, д. 15, корп. 2» */
  address: string;
}

/** How the image archive sees a device: the attributes a QIDO-RS series answer carries. */
export interface DemoDicomIdentity {
  /** (0008,1010) Station Name, SH: at most 16 characters. */
  stationName: string;
  /** Application Entity title: at most 16 characters, upper case, digits and `_`. */
  aeTitle: string;
  /** (0018,1000) Device Serial Number as the archive receives it (not always the nameplate serial). */
  deviceSerialNumber: string;
  /** (0008,0080) Institution Name as configured on the device (forms vary within a facility). */
  institutionName: string;
  /** (0008,0070) Manufacturer as the device writes it, e.g. `SIEMENS`. */
  manufacturer: string;
  /** (0008,1090) Manufacturer's Model Name. */
  modelName: string;
  /** (0008,0060) Modality code, e.g. `CT`, `MR`, `MG`, `DX`. */
  modality: string;
}

export interface DemoDevice {
  /** `INV-000123`, unique: the device's key. */
  inventoryNumber: string;
  facilityCode: string;
  modality: Modality;
  technology: Technology;
  manufacturer: string;
  model: string;
  /** Nameplate serial number; `null` for a device not delivered yet (PLANNED). */
  serialNumber: string | null;
  yearOfManufacture: number | null;
  /** `null` for PLANNED devices. */
  commissioningDate: IsoDate | null;
  /** Only for PLANNED devices. */
  plannedCommissioningDate: IsoDate | null;
  status: DeviceStatus;
  decommissioningDate: IsoDate | null;
  decommissioningReason: string | null;
  /** «Отделение лучевой диагностики» */
  department: string;
  /** Room number, e.g. `112` or `014а`. */
  room: string;
  purchasePrice: DecimalString;
  fundingSource: FundingSource;
  /** Hours a weekday the unit is scheduled to work (8, 12, 16 or 24). */
  scheduledHoursPerDay: number;
  /** Hours a week, weekends included (168 round the clock): the base of utilisation %. */
  scheduledHoursPerWeek: number;
  /** Sends its images to the city archive (always false for analogue devices). */
  archiveConnected: boolean;
  /** For digital, archive-connected devices only. */
  dicom: DemoDicomIdentity | null;
}

export type SupplierKind = `${SharedSupplierKind}`;

export interface DemoSupplier {
  /** `SUP-01` */
  code: string;
  /** «ООО «МедТехСервис»» or «ИП Кузнецов Андрей Викторович» */
  name: string;
  kind: SupplierKind;
  /** 10 digits for an organisation, 12 for a sole trader; always valid. */
  inn: string;
  /** `null` for a sole trader. */
  kpp: string | null;
  address: string;
  contactPerson: string;
  phone: string;
  email: string;
  /** Manufacturers the supplier is authorised to sell or service (display names as in `DemoDevice`). */
  manufacturers: string[];
}

export interface DemoSlaTerms {
  /** Guaranteed uptime, e.g. `"97.0"` (per cent, per contract year). */
  guaranteedUptimePercent: string;
  /** Hours from a breakdown report to an engineer on site. */
  responseHours: number;
  /** Calendar days from a breakdown report to the device working again. */
  repairDays: number;
  /** Penalty for each day over the repair term. */
  penaltyPerDay: DecimalString;
  /** The hours uptime is measured over: round the clock, or the devices' working hours. */
  basis: 'ROUND_THE_CLOCK' | 'SCHEDULED_HOURS';
  /** The whole period breaches and penalties are computed over. */
  measurementPeriod: 'MONTH' | 'QUARTER';
}

export interface DemoContract {
  /** `CTR-0001` */
  code: string;
  /** Registry number of the state contract, 19 digits. */
  number: string;
  type: ContractType;
  supplierCode: string;
  /** «Поставка, монтаж, ввод в эксплуатацию и сервисное обслуживание …» */
  subject: string;
  signedOn: IsoDate;
  startDate: IsoDate;
  endDate: IsoDate;
  value: DecimalString;
  /** For LIFECYCLE contracts: years of service after commissioning. */
  serviceYears: number | null;
  /** `null` for SUPPLY contracts. */
  sla: DemoSlaTerms | null;
}

export interface DemoContractDevice {
  contractCode: string;
  inventoryNumber: string;
  /** The contract's yearly fee for this device, where the contract names one. */
  serviceFee: DecimalString | null;
}

export interface DemoPaymentMilestone {
  contractCode: string;
  /** 1, 2, 3 … within the contract. */
  sequence: number;
  description: string;
  dueDate: IsoDate;
  amount: DecimalString;
  paidOn: IsoDate | null;
}

export interface DemoServiceEvent {
  /** `SE-000001` */
  code: string;
  inventoryNumber: string;
  type: ServiceEventType;
  /** When the fault was reported, or when planned work was due to start. */
  reportedAt: IsoTimestamp;
  /** Engineer on site / work started; `null` while waiting for the engineer. */
  startedAt: IsoTimestamp | null;
  /** Device working again; `null` while unresolved. */
  resolvedAt: IsoTimestamp | null;
  description: string;
  cost: DecimalString;
  /** The SERVICE or LIFECYCLE contract in force, if the work fell under one. */
  contractCode: string | null;
  supplierCode: string | null;
}

/** Studies and images of one digital device on one day, as the archive reports them. */
export interface DemoDailyUtilisation {
  inventoryNumber: string;
  date: IsoDate;
  studies: number;
  images: number;
}

/** A hand-reported monthly count for an analogue device (images: films or frames exposed). */
export interface DemoMonthlyCount {
  inventoryNumber: string;
  /** `YYYY-MM` */
  month: string;
  studies: number;
  images: number;
}

/** Why a device's utilisation stops before `today`. */
export type UsageStopReason = 'DECOMMISSIONED' | 'IDLE' | 'UNDER_REPAIR' | 'SILENT';

/**
 * The generator's ground truth behind the utilisation figures of one device: not data to load, but
 * what tests and alert demos can check against (e.g. which devices went silent).
 */
export interface DemoUsageProfile {
  inventoryNumber: string;
  /** Mean studies on a working weekday at `today`'s volume, before seasonality and noise. */
  weekdayStudies: number;
  /** Mean images per study. */
  imagesPerStudy: number;
  /** First day with studies (commissioning, or the window start). */
  activeFrom: IsoDate;
  /** Last day with studies. */
  activeUntil: IsoDate;
  stopReason: UsageStopReason | null;
}

export interface GenerateCityOptions {
  /** Same seed, same city. */
  seed: number | string;
  /** The generator's "today", `YYYY-MM-DD`: the end of every history. */
  today: IsoDate;
  /** Years of utilisation and service history ending today (default 3). */
  years?: number;
  /** Multiplies facilities and devices (a positive integer, default 1; the benchmarks use 10). */
  scale?: number;
}

export interface DemoCityParams {
  seed: number | string;
  today: IsoDate;
  years: number;
  scale: number;
  /** First day of the history window (`today` minus `years` years, plus one day). */
  historyStart: IsoDate;
}

export interface DemoCity {
  params: DemoCityParams;
  districts: DemoDistrict[];
  facilities: DemoFacility[];
  devices: DemoDevice[];
  suppliers: DemoSupplier[];
  contracts: DemoContract[];
  contractDevices: DemoContractDevice[];
  paymentMilestones: DemoPaymentMilestone[];
  serviceEvents: DemoServiceEvent[];
  /** Monthly hand counts of analogue devices, for complete months of the history window. */
  monthlyCounts: DemoMonthlyCount[];
  usageProfiles: DemoUsageProfile[];
}
