import { AlertEntity } from '../alerts/entities/alert.entity.js';
import { AuditEntryEntity } from '../audit/entities/audit-entry.entity.js';
import { LoginThrottleEntity } from '../auth/entities/login-throttle.entity.js';
import { SessionEntity } from '../auth/entities/session.entity.js';
import { FacilityEntity } from '../facilities/entities/facility.entity.js';
import { AppMetaEntity } from '../meta/app-meta.entity.js';
import { DeviceEntity } from '../devices/entities/device.entity.js';
import { ModalityEntity } from '../modalities/entities/modality.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { ArchiveConnectionEntity } from '../archives/entities/archive-connection.entity.js';
import { ArchiveSyncDayEntity } from '../archives/entities/archive-sync-day.entity.js';
import { ArchiveSyncRunEntity } from '../archives/entities/archive-sync-run.entity.js';
import { DeviceIdentityMappingEntity } from '../archives/entities/device-identity-mapping.entity.js';
import { DiscoveredDeviceEntity } from '../archives/entities/discovered-device.entity.js';
import { DiscoveredUtilisationEntity } from '../archives/entities/discovered-utilisation.entity.js';
import { DailyUtilisationEntity } from '../utilisation/entities/daily-utilisation.entity.js';
import { MonthlyUtilisationEntity } from '../utilisation/entities/monthly-utilisation.entity.js';
import { UtilisationRollupEntity } from '../utilisation/entities/utilisation-rollup.entity.js';
import { SupplierEntity } from '../suppliers/entities/supplier.entity.js';
import { ContractEntity } from '../contracts/entities/contract.entity.js';
import { ContractDeviceEntity } from '../contracts/entities/contract-device.entity.js';
import { PaymentMilestoneEntity } from '../contracts/entities/payment-milestone.entity.js';
import { CityCalendarDayEntity } from '../calendar/entities/city-calendar-day.entity.js';
import { LifeBandEntity } from '../planning/entities/life-band.entity.js';
import { PlanningReferenceEntity } from '../planning/entities/planning-reference.entity.js';
import { PriorityWeightSetEntity } from '../planning/entities/priority-weight-set.entity.js';
import { ReplacementPriceEntity } from '../planning/entities/replacement-price.entity.js';
import { ScenarioApprovalEntity } from '../scenarios/entities/scenario-approval.entity.js';
import { ScenarioPlanRowEntity } from '../scenarios/entities/scenario-plan-row.entity.js';
import { ScenarioRunEntity } from '../scenarios/entities/scenario-run.entity.js';
import { ScenarioEntity } from '../scenarios/entities/scenario.entity.js';
import { ServiceEventEntity } from '../service-events/entities/service-event.entity.js';
import { ReportPackEntity } from '../reports/entities/report-pack.entity.js';

/** Every TypeORM entity of the application; each domain adds its own here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [
  AppMetaEntity,
  FacilityEntity,
  UserEntity,
  SessionEntity,
  LoginThrottleEntity,
  AuditEntryEntity,
  ModalityEntity,
  DeviceEntity,
  AlertEntity,
  DailyUtilisationEntity,
  MonthlyUtilisationEntity,
  UtilisationRollupEntity,
  ArchiveConnectionEntity,
  ArchiveSyncRunEntity,
  ArchiveSyncDayEntity,
  DeviceIdentityMappingEntity,
  DiscoveredDeviceEntity,
  DiscoveredUtilisationEntity,
  SupplierEntity,
  ContractEntity,
  ContractDeviceEntity,
  PaymentMilestoneEntity,
  ServiceEventEntity,
  CityCalendarDayEntity,
  PlanningReferenceEntity,
  LifeBandEntity,
  ReplacementPriceEntity,
  PriorityWeightSetEntity,
  ScenarioEntity,
  ScenarioRunEntity,
  ScenarioPlanRowEntity,
  ScenarioApprovalEntity,
  ReportPackEntity,
];
