// The contracts domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { ContractsApi, type ContractFilter } from './contracts.api';
export { ContractStatusChipComponent } from './contract-status-chip.component';
