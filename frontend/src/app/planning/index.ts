// The planning domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DeviceReplacementComponent } from './device-replacement.component';
