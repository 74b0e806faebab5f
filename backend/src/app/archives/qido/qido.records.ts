/** Mapping of one validated DICOM JSON series dataset to a QIDO series record. */
import { QidoResponseError } from './qido.errors.js';
import { QIDO_SERIES_ATTRIBUTES, type QidoSeriesRecord } from './qido.types.js';
import type { DicomJsonAttribute, DicomJsonDataset } from './qido.dicom-json.js';
import { describe, dicomDate, typeOf } from './qido.util.js';

class InvalidRecord extends Error {}

/**
 * Maps one validated series dataset to a record; throws a {@link QidoResponseError} naming the
 * dataset and the attribute if a required attribute is missing or any attribute is malformed.
 */
export function toSeriesRecord(
  dataset: DicomJsonDataset,
  day: string,
  where: string,
  url: string,
  attempts = 1,
): QidoSeriesRecord {
  const byTag = new Map(
    Object.entries(dataset).map(([tag, attribute]) => [tag.toUpperCase(), attribute]),
  );
  try {
    const a = QIDO_SERIES_ATTRIBUTES;
    const studyDate = single(byTag, a.studyDate);
    if (studyDate !== null && studyDate !== dicomDate(day)) {
      throw new InvalidRecord(
        `${a.studyDate.tag} StudyDate is "${studyDate}", outside the day asked for (${dicomDate(day)})`,
      );
    }
    const studyInstanceUid = uid(byTag, a.studyInstanceUid, 'StudyInstanceUID');
    if (studyInstanceUid === null)
      throw new InvalidRecord(`${a.studyInstanceUid.tag} StudyInstanceUID is missing`);
    return {
      studyDate: day,
      studyInstanceUid,
      seriesInstanceUid: uid(byTag, a.seriesInstanceUid, 'SeriesInstanceUID'),
      modality: single(byTag, a.modality),
      manufacturer: single(byTag, a.manufacturer),
      institutionName: single(byTag, a.institutionName),
      stationName: single(byTag, a.stationName),
      modelName: single(byTag, a.modelName),
      deviceSerialNumber: single(byTag, a.deviceSerialNumber),
      numberOfInstances: instanceCount(byTag),
    };
  } catch (error) {
    if (error instanceof InvalidRecord) {
      throw new QidoResponseError(
        `${describe(url)}: invalid series at ${where}: ${error.message}`,
        url,
        attempts,
      );
    }
    throw error;
  }
}

/** The one value of a single-valued attribute, trimmed; null when absent or empty. */
function single(
  byTag: Map<string, DicomJsonAttribute>,
  spec: { tag: string; vr: string },
): string | null {
  const attribute = byTag.get(spec.tag);
  if (attribute === undefined) return null;
  if (attribute.vr !== spec.vr)
    throw new InvalidRecord(`${spec.tag} has VR ${attribute.vr}, expected ${spec.vr}`);
  const values = attribute.Value ?? [];
  if (values.length > 1)
    throw new InvalidRecord(`${spec.tag} should hold one value, holds ${values.length}`);
  const value = values[0];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new InvalidRecord(`${spec.tag} should be a string, got ${typeOf(value)}`);
  const trimmed = value.replace(/^[\s\0]+|[\s\0]+$/g, '');
  if (spec.vr === 'DA' && trimmed !== '' && !/^\d{8}$/.test(trimmed))
    throw new InvalidRecord(`${spec.tag} is not a DICOM date (YYYYMMDD): "${trimmed}"`);
  return trimmed === '' ? null : trimmed;
}

function uid(
  byTag: Map<string, DicomJsonAttribute>,
  spec: { tag: string; vr: string },
  name: string,
): string | null {
  const value = single(byTag, spec);
  if (value !== null && (value.length > 64 || !/^\d+(\.\d+)*$/.test(value)))
    throw new InvalidRecord(`${spec.tag} ${name} is not a UID: "${value}"`);
  return value;
}

function instanceCount(byTag: Map<string, DicomJsonAttribute>): number {
  const spec = QIDO_SERIES_ATTRIBUTES.numberOfInstances;
  const attribute = byTag.get(spec.tag);
  const name = `${spec.tag} NumberOfSeriesRelatedInstances`;
  if (attribute === undefined || attribute.Value === undefined || attribute.Value.length === 0)
    throw new InvalidRecord(`${name} is missing`);
  if (attribute.vr !== spec.vr)
    throw new InvalidRecord(`${spec.tag} has VR ${attribute.vr}, expected ${spec.vr}`);
  if (attribute.Value.length > 1)
    throw new InvalidRecord(`${name} should hold one value, holds ${attribute.Value.length}`);
  const raw = attribute.Value[0];
  const n = typeof raw === 'string' && /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidRecord(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}
