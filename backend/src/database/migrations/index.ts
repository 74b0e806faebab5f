import type { MixedList } from 'typeorm';

/** Every migration, in order. A new migration is added here as well as in this folder. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: MixedList<Function> = [];
