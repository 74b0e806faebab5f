import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'radfleet:public';

/** Marks a route that needs no signed-in user. Every other route is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
