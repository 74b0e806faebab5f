// The devices domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DevicesApi } from './devices.api';
export { DEFAULT_DEVICE_SORT, type DeviceFilter } from './device-filter';
export { DeviceTableComponent, type DeviceColumn } from './device-table.component';
export { ModalityShareChartComponent } from './modality-share-chart.component';
