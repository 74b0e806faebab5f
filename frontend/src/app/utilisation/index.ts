// The utilisation domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DeviceUtilisationComponent } from './device-utilisation.component';
