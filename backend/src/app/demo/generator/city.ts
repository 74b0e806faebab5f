import { parseIsoDate, parseTimestamp, formatIsoDate, MINUTES_PER_DAY } from './calendar.js';
import { generateContracts } from './contracts.js';
import { generateDevices } from './devices.js';
import { generateDistricts, generateFacilities } from './facilities.js';
import { Prng } from './prng.js';
import { generateServiceEvents } from './service-events.js';
import { generateSuppliers } from './suppliers.js';
import { type DemoCity, type GenerateCityOptions } from './types.js';
import { generateMonthlyCounts, generateUsageProfiles, historyStartFor } from './utilisation.js';

export const DEFAULT_HISTORY_YEARS = 3;
export const MAX_SCALE = 100;

/**
 * A whole demo city as plain records: 12 districts, 155 × `scale` facilities, about 1,300 ×
 * `scale` devices, 20 suppliers, their contracts, milestones and service history, hand counts of
 * analogue devices, and the ground truth of utilisation. Pure and deterministic: the same options
 * give a deep-equal city; nothing reads the clock. Daily utilisation is too big to hold, so it is
 * generated lazily from the city by `generateDailyUtilisation` / `generateUtilisationByDevice`.
 *
 * @throws RangeError for a malformed `today`, or `years` / `scale` out of range.
 */
export function generateCity(options: GenerateCityOptions): DemoCity {
  const years = options.years ?? DEFAULT_HISTORY_YEARS;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(years) || years < 1 || years > 20) {
    throw new RangeError(`years must be a whole number from 1 to 20, got ${years}`);
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be a whole number from 1 to ${MAX_SCALE}, got ${scale}`);
  }
  const today = parseIsoDate(options.today);
  const historyStart = historyStartFor(today, years);
  const root = Prng.from(options.seed);

  const districts = generateDistricts();
  const facilities = generateFacilities(root.fork('facilities'), scale);
  const devices = generateDevices(root.fork('devices'), facilities, today, scale);
  const suppliers = generateSuppliers(root.fork('suppliers'));
  const { contracts, contractDevices, paymentMilestones } = generateContracts(
    root.fork('contracts'),
    devices,
    suppliers,
    today,
  );
  const serviceEvents = generateServiceEvents(
    root.fork('service-events'),
    devices,
    contracts,
    suppliers,
    today,
    historyStart,
  );
  const openBreakdowns = new Map<string, number>();
  for (const event of serviceEvents) {
    if (event.type === 'BREAKDOWN' && event.resolvedAt === null) {
      openBreakdowns.set(
        event.inventoryNumber,
        Math.floor(parseTimestamp(event.reportedAt) / MINUTES_PER_DAY),
      );
    }
  }
  const usageProfiles = generateUsageProfiles(
    root.fork('usage'),
    devices,
    openBreakdowns,
    today,
    historyStart,
  );

  const city: DemoCity = {
    params: {
      seed: options.seed,
      today: formatIsoDate(today),
      years,
      scale,
      historyStart: formatIsoDate(historyStart),
    },
    districts,
    facilities: facilities.map((f) => f.record),
    devices: devices.map((d) => d.record),
    suppliers: suppliers.map((s) => s.record),
    contracts: contracts.map((c) => c.record),
    contractDevices,
    paymentMilestones,
    serviceEvents,
    monthlyCounts: [],
    usageProfiles,
  };
  city.monthlyCounts = generateMonthlyCounts(city);
  return city;
}
