import { createHash } from 'node:crypto';
import { Modality } from '@radfleet/shared';
import type { QidoSeriesRecord } from './qido/qido.types.js';

/**
 * The identity of a sending device as the archive reports it on each series. Two series with the
 * same identity (compared trimmed and case-insensitively) come from the same device.
 */
export interface ArchiveIdentity {
  deviceSerialNumber: string | null;
  stationName: string | null;
  institutionName: string | null;
  manufacturer: string | null;
  modelName: string | null;
  modality: string | null;
}

const FIELDS: (keyof ArchiveIdentity)[] = [
  'deviceSerialNumber',
  'stationName',
  'institutionName',
  'manufacturer',
  'modelName',
  'modality',
];

function norm(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

export function identityOf(r: QidoSeriesRecord): ArchiveIdentity {
  return {
    deviceSerialNumber: norm(r.deviceSerialNumber),
    stationName: norm(r.stationName),
    institutionName: norm(r.institutionName),
    manufacturer: norm(r.manufacturer),
    modelName: norm(r.modelName),
    modality: norm(r.modality),
  };
}

/** A stable fingerprint (SHA-256, hex) of an identity or of a mapping rule's fields. */
export function identityKey(i: Partial<ArchiveIdentity>): string {
  const values = FIELDS.map((f) => norm(i[f])?.toUpperCase() ?? null);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** The registry modality a DICOM modality code suggests. */
const SUGGESTED: Record<string, Modality> = {
  CT: Modality.CT,
  MR: Modality.MRI,
  MG: Modality.MAMMOGRAPHY,
  CR: Modality.RADIOGRAPHY,
  DX: Modality.RADIOGRAPHY,
  RF: Modality.RADIOGRAPHY,
  XA: Modality.ANGIOGRAPHY,
  BMD: Modality.DENSITOMETRY,
  DXA: Modality.DENSITOMETRY,
};

export function suggestedModality(dicomModality: string | null): Modality | null {
  return dicomModality ? (SUGGESTED[dicomModality.toUpperCase()] ?? null) : null;
}

/** Per identity, a day's distinct studies and summed images, and the series read. */
export class DayTally {
  private readonly byKey = new Map<
    string,
    { identity: ArchiveIdentity; studies: Set<string>; images: number }
  >();
  series = 0;

  add(r: QidoSeriesRecord): void {
    const identity = identityOf(r);
    const key = identityKey(identity);
    let t = this.byKey.get(key);
    if (!t) {
      t = { identity, studies: new Set(), images: 0 };
      this.byKey.set(key, t);
    }
    t.studies.add(r.studyInstanceUid);
    t.images += r.numberOfInstances;
    this.series++;
  }

  rows(): { key: string; identity: ArchiveIdentity; studies: number; images: number }[] {
    return [...this.byKey.entries()]
      .map(([key, t]) => ({ key, identity: t.identity, studies: t.studies.size, images: t.images }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}
