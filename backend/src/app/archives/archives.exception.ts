import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';

export enum ArchiveErrorCode {
  ARCHIVE_NOT_FOUND = 'ARCHIVE_NOT_FOUND',
  ARCHIVE_NAME_TAKEN = 'ARCHIVE_NAME_TAKEN',
  INVALID_ARCHIVE = 'INVALID_ARCHIVE',
  SYNC_IN_PROGRESS = 'SYNC_IN_PROGRESS',
  DISCOVERED_NOT_FOUND = 'DISCOVERED_NOT_FOUND',
  ALREADY_LINKED = 'ALREADY_LINKED',
  DEVICE_NOT_FOUND = 'DEVICE_NOT_FOUND',
  MAPPING_NOT_FOUND = 'MAPPING_NOT_FOUND',
  MAPPING_EXISTS = 'MAPPING_EXISTS',
  INVALID_MAPPING = 'INVALID_MAPPING',
}

const KIND: Record<ArchiveErrorCode, ErrorKind> = {
  [ArchiveErrorCode.ARCHIVE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ArchiveErrorCode.ARCHIVE_NAME_TAKEN]: ErrorKind.CONFLICT,
  [ArchiveErrorCode.INVALID_ARCHIVE]: ErrorKind.BAD_INPUT,
  [ArchiveErrorCode.SYNC_IN_PROGRESS]: ErrorKind.CONFLICT,
  [ArchiveErrorCode.DISCOVERED_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ArchiveErrorCode.ALREADY_LINKED]: ErrorKind.CONFLICT,
  [ArchiveErrorCode.DEVICE_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ArchiveErrorCode.MAPPING_NOT_FOUND]: ErrorKind.NOT_FOUND,
  [ArchiveErrorCode.MAPPING_EXISTS]: ErrorKind.CONFLICT,
  [ArchiveErrorCode.INVALID_MAPPING]: ErrorKind.BAD_INPUT,
};

export class ArchiveException extends DomainException {
  constructor(
    code: ArchiveErrorCode,
    message: string,
    extensions: DomainException['extensions'] = {},
  ) {
    super(code, KIND[code], message, extensions);
  }
}
