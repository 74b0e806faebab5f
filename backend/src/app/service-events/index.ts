// The service-events domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { yearlyServiceCostByDeviceSql } from './cost-of-ownership.sql.js';
