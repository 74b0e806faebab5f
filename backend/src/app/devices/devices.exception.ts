import { domainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum DeviceErrorCode {
  DEVICE_NOT_FOUND = 'DEVICE_NOT_FOUND',
  INVENTORY_NUMBER_TAKEN = 'INVENTORY_NUMBER_TAKEN',
  INVALID_DEVICE = 'INVALID_DEVICE',
}

const KIND: Record<DeviceErrorCode, ErrorKind> = {
  [DeviceErrorCode.DEVICE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [DeviceErrorCode.INVENTORY_NUMBER_TAKEN]: ErrorKind.CONFLICT,
  [DeviceErrorCode.INVALID_DEVICE]: ErrorKind.BAD_INPUT,
};

export class DeviceException extends domainException(KIND) {}
