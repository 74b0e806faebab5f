// The devices domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DevicesModule } from './devices.module.js';
export { DevicesService } from './devices.service.js';
export { MODALITY_LABELS } from './device-columns.js';
export { DeviceEntity } from './entities/device.entity.js';
export * from './fleet-figures.sql.js';
