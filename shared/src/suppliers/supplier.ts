import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toNumber, trim } from '../common/transforms.js';
import { innError, isValidKpp } from './inn.js';

const INN_MESSAGES = {
  FORMAT: 'inn must consist of digits only',
  LENGTH: 'inn must be 10 digits (organisation) or 12 digits (sole trader)',
  CHECKSUM: 'inn has a wrong control digit',
} as const;

/** An INN: 10 or 12 digits with correct control digits; the message says which check failed. */
export function IsInn(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInn',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && innError(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? INN_MESSAGES[innError(args.value) ?? 'FORMAT']
            : INN_MESSAGES.FORMAT,
      },
    },
    options,
  );
}

/** A KPP: 4 digits, 2 digits or capital Latin letters, 3 digits. */
export function IsKpp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKpp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidKpp(value),
        defaultMessage: () =>
          'kpp must be 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits',
      },
    },
    options,
  );
}

export enum SupplierKind {
  /** 10-digit INN; has a KPP. */
  ORGANISATION = 'ORGANISATION',
  /** 12-digit INN; no KPP. */
  SOLE_TRADER = 'SOLE_TRADER',
}

const nullIfEmpty = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? null : t;
};

export class CreateSupplierDto {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(300)
  name!: string;

  /** 10 digits for an organisation, 12 for a sole trader, with valid control digits. Unique. */
  @Transform(trim)
  @IsInn()
  inn!: string;

  /** Required for an organisation, absent for a sole trader. */
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @IsKpp()
  kpp?: string | null;

  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(500) address?: string | null;
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(200) contactPerson?: string | null;
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(50) phone?: string | null;
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;
}

export class UpdateSupplierDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(300)
  name?: string;
  @IsOptional() @Transform(trim) @IsInn() inn?: string;
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @IsKpp()
  kpp?: string | null;
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(500) address?: string | null;
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(200) contactPerson?: string | null;
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(50) phone?: string | null;
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export class SupplierListQuery extends PageQuery {
  /** Text over name and INN. */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export interface SupplierResponse {
  id: string;
  name: string;
  /** From the INN's length. */
  kind: SupplierKind;
  inn: string;
  kpp: string | null;
  address: string | null;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  /** Contracts with this supplier. */
  contractCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}
