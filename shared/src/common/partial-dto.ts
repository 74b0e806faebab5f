import { getMetadataStorage, ValidateIf } from 'class-validator';

type Constructor<T> = new () => T;

/**
 * The PATCH form of a create DTO: the same fields with the same rules, each of them optional. A
 * field that is left out is not validated; a field sent as `null` is validated as before, so
 * `null` stays allowed only where the create DTO allows it. Transforms are inherited too.
 */
export function PartialDto<T extends object>(Base: Constructor<T>): Constructor<Partial<T>> {
  abstract class PartialOfBase extends (Base as Constructor<object>) {}
  const fields = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(Base, '', true, false)
      .map((m) => m.propertyName),
  );
  for (const field of fields) {
    ValidateIf((_: object, value: unknown) => value !== undefined)(PartialOfBase.prototype, field);
  }
  return PartialOfBase as unknown as Constructor<Partial<T>>;
}
