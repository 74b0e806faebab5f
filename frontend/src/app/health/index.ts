// The health domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { HealthApi } from './health.api';
