import { DeviceStatus, Technology, type FieldError } from '@radfleet/shared';

/** The state of a device after a create or an edit, as the consistency rules see it. */
export interface DeviceState {
  technology: Technology;
  archiveConnected: boolean;
  status: DeviceStatus;
  commissioningDate: string | null;
  yearOfManufacture: number | null;
  decommissionedOn: string | null;
  decommissionReason: string | null;
}

/**
 * Rules across fields that a single field's validation cannot see. Returns field errors; an empty
 * list means the device is consistent. `today` is an ISO date.
 */
export function deviceRuleErrors(d: DeviceState, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (d.technology === Technology.ANALOGUE && d.archiveConnected) {
    errors.push({
      field: 'archiveConnected',
      message: 'an analogue device sends no images to the archive',
    });
  }
  if (d.status === DeviceStatus.DECOMMISSIONED) {
    if (!d.decommissionedOn)
      errors.push({
        field: 'decommissionedOn',
        message: 'a decommissioned device needs the date it was decommissioned',
      });
    if (!d.decommissionReason)
      errors.push({
        field: 'decommissionReason',
        message: 'a decommissioned device needs a reason',
      });
  }
  if (d.decommissionedOn && d.commissioningDate && d.decommissionedOn < d.commissioningDate) {
    errors.push({
      field: 'decommissionedOn',
      message: 'decommissionedOn must not be before commissioningDate',
    });
  }
  if (d.decommissionedOn && d.decommissionedOn > today) {
    errors.push({
      field: 'decommissionedOn',
      message: 'decommissionedOn must not be in the future',
    });
  }
  if (d.commissioningDate && d.commissioningDate > today && d.status !== DeviceStatus.PLANNED) {
    errors.push({
      field: 'commissioningDate',
      message: 'only a PLANNED device may have a commissioning date in the future',
    });
  }
  if (
    d.yearOfManufacture &&
    d.commissioningDate &&
    Number(d.commissioningDate.slice(0, 4)) < d.yearOfManufacture
  ) {
    errors.push({
      field: 'commissioningDate',
      message: 'commissioningDate must not be before the year of manufacture',
    });
  }
  if (
    d.yearOfManufacture &&
    d.yearOfManufacture > Number(today.slice(0, 4)) &&
    d.status !== DeviceStatus.PLANNED
  ) {
    errors.push({
      field: 'yearOfManufacture',
      message: 'yearOfManufacture must not be in the future',
    });
  }
  return errors;
}
