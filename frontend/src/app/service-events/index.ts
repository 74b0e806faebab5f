// The service-events domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DeviceServiceComponent } from './device-service.component';
export { ServiceLogComponent } from './service-log.component';
