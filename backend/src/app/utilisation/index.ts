// The utilisation domain's public face: the only file other domains import (see CONTRIBUTING.md).
export * from './capacity.sql.js';
export { figures, groupFiguresSql, seriesSql, type DeviceFilter, type FigureRow, type SeriesRow } from './utilisation.query.js';
export { growthOf } from './utilisation.service.js';
export { minusYear } from './utilisation.period.js';
