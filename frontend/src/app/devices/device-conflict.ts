import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { DeviceResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { I18nService } from '../core/i18n/i18n.service';
import { DEVICE_FIELDS, formatDeviceValue } from './device-format';
import { DevicesApi } from './devices.api';
import {
  VersionConflictDialog,
  type ConflictChange,
  type VersionConflictChoice,
  type VersionConflictData,
} from './version-conflict.dialog';

/** The fields that differ between two readings of a device. */
export function deviceDiff(
  before: DeviceResponse,
  after: DeviceResponse,
): { field: string; before: unknown; after: unknown }[] {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  return DEVICE_FIELDS.filter((f) => b[f] !== a[f]).map((f) => ({
    field: f,
    before: b[f],
    after: a[f],
  }));
}

export interface ConflictOutcome {
  choice: VersionConflictChoice | undefined;
  /** The device as it is now. */
  current: DeviceResponse;
}

/** Handles a 409 STALE_VERSION: reads the current device and asks the user what to do with their edits. */
@Injectable({ providedIn: 'root' })
export class DeviceConflicts {
  private readonly api = inject(DevicesApi);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);

  async resolve(
    base: DeviceResponse,
    mine: Record<string, unknown>,
    facilityName: (id: string) => string | undefined = () => undefined,
  ): Promise<ConflictOutcome> {
    const current = await this.api.get(base.id);
    const fmt = (field: string, v: unknown) => formatDeviceValue(this.i18n, field, v, facilityName);
    const theirs: ConflictChange[] = deviceDiff(base, current).map((c) => ({
      field: c.field,
      before: fmt(c.field, c.before),
      after: fmt(c.field, c.after),
    }));
    const baseFields = base as unknown as Record<string, unknown>;
    const minePretty: ConflictChange[] = Object.entries(mine).map(([field, v]) => ({
      field,
      before: fmt(field, baseFields[field]),
      after: fmt(field, v),
    }));
    const ref = this.dialog.open<VersionConflictDialog, VersionConflictData, VersionConflictChoice>(
      VersionConflictDialog,
      {
        data: { theirs, mine: minePretty },
        autoFocus: 'first-tabbable',
        maxWidth: '640px',
      },
    );
    return { choice: await firstValueFrom(ref.afterClosed()), current };
  }
}
