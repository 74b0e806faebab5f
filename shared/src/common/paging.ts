import { Transform } from 'class-transformer';
import { toNumber } from './transforms.js';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 500;

/** `page`, `pageSize` and `sort` of every list; `sort=field` ascending, `sort=-field` descending. */
export class PageQuery {
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  page?: number = 1;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number = 50;

  @IsOptional()
  @IsString()
  @Matches(/^-?[a-zA-Z][a-zA-Z0-9]*$/, {
    message: 'sort must be a field name, optionally prefixed with -',
  })
  sort?: string;
}

/** The answer of every list endpoint. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
