import type { MixedList } from 'typeorm';
import { AccountsAndAudit1795811819478 } from './1795811819478-AccountsAndAudit.js';
import { FleetRegistry1795812462271 } from './1795812462271-FleetRegistry.js';
import { Alerts1795813403227 } from './1795813403227-Alerts.js';
import { Utilisation1795813629186 } from './1795813629186-Utilisation.js';
import { Contracts1795813667765 } from './1795813667765-Contracts.js';
import { CityCalendar1796214725933 } from './1796214725933-CityCalendar.js';
import { SlaPeriodsAndServiceFees1796302000000 } from './1796302000000-SlaPeriodsAndServiceFees.js';
import { UtilisationScale1796215360245 } from './1796215360245-UtilisationScale.js';
import { Planning1796215801715 } from './1796215801715-Planning.js';
import { AlertTriage1796310400000 } from './1796310400000-AlertTriage.js';
import { ReplacementScenarios1796400000000 } from './1796400000000-ReplacementScenarios.js';
import { ReportPacks1796400100000 } from './1796400100000-ReportPacks.js';

/** Every migration, in order. A new migration is added here as well as in this folder. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: MixedList<Function> = [
  AccountsAndAudit1795811819478,
  FleetRegistry1795812462271,
  Alerts1795813403227,
  Utilisation1795813629186,
  Contracts1795813667765,
  CityCalendar1796214725933,
  UtilisationScale1796215360245,
  Planning1796215801715,
  SlaPeriodsAndServiceFees1796302000000,
  AlertTriage1796310400000,
  ReplacementScenarios1796400000000,
  ReportPacks1796400100000,
];
