import { AlertEntity } from '../alerts/entities/alert.entity.js';
import { AuditEntryEntity } from '../audit/entities/audit-entry.entity.js';
import { LoginThrottleEntity } from '../auth/entities/login-throttle.entity.js';
import { SessionEntity } from '../auth/entities/session.entity.js';
import { FacilityEntity } from '../facilities/entities/facility.entity.js';
import { AppMetaEntity } from '../meta/app-meta.entity.js';
import { DeviceEntity } from '../devices/entities/device.entity.js';
import { ModalityEntity } from '../modalities/entities/modality.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';

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
];
