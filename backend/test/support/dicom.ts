import { randomUUID } from 'node:crypto';

/**
 * A minimal DICOM Part-10 writer for tests: explicit VR little endian, Secondary Capture objects
 * with the identity tags the archive import reads, and a 2×2 8-bit greyscale image so that an
 * archive can decode them. Everything is validated on the way in, so a test cannot produce a file
 * that a real archive would reject or silently truncate.
 */

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const SECONDARY_CAPTURE_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';
/** A UID root for test objects: `2.25.<uuid as decimal>` (ISO/IEC 9834-8), globally unique without registration. */
const IMPLEMENTATION_CLASS_UID = '2.25.190184410924893473012412341384411123371';

export interface DicomInstanceSpec {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** YYYYMMDD */
  studyDate: string;
  modality: string;
  patientId: string;
  /** Identity of the sending device; `null` or absent leaves the attribute out of the file. */
  manufacturer?: string | null;
  institutionName?: string | null;
  stationName?: string | null;
  manufacturerModelName?: string | null;
  deviceSerialNumber?: string | null;
  patientName?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  /** Include a 2×2 8-bit MONOCHROME2 image (default true). */
  pixelData?: boolean;
}

/** A fresh, globally unique DICOM UID. */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`).toString()}`;
}

/** Bytes of a complete DICOM Part-10 file (preamble, `DICM`, file meta information, data set). */
export function buildDicomInstance(spec: DicomInstanceSpec): Buffer {
  const e: Element[] = [
    str(0x0008, 0x0005, 'CS', 'ISO_IR 192'), // UTF-8
    str(0x0008, 0x0016, 'UI', SECONDARY_CAPTURE_IMAGE_STORAGE),
    str(0x0008, 0x0018, 'UI', spec.sopInstanceUid),
    str(0x0008, 0x0020, 'DA', spec.studyDate),
    str(0x0008, 0x0021, 'DA', spec.studyDate),
    str(0x0008, 0x0030, 'TM', '101500'),
    str(0x0008, 0x0060, 'CS', spec.modality),
    str(0x0008, 0x0064, 'CS', 'WSD'),
    opt(0x0008, 0x0070, 'LO', spec.manufacturer),
    opt(0x0008, 0x0080, 'LO', spec.institutionName),
    opt(0x0008, 0x1010, 'SH', spec.stationName),
    opt(0x0008, 0x1090, 'LO', spec.manufacturerModelName),
    str(0x0010, 0x0010, 'PN', spec.patientName ?? 'TEST^PATIENT'),
    str(0x0010, 0x0020, 'LO', spec.patientId),
    opt(0x0018, 0x1000, 'LO', spec.deviceSerialNumber),
    str(0x0020, 0x000d, 'UI', spec.studyInstanceUid),
    str(0x0020, 0x000e, 'UI', spec.seriesInstanceUid),
    str(0x0020, 0x0010, 'SH', '1'),
    str(0x0020, 0x0011, 'IS', String(spec.seriesNumber ?? 1)),
    str(0x0020, 0x0013, 'IS', String(spec.instanceNumber ?? 1)),
  ].filter((x): x is Element => x !== null);
  if (spec.pixelData ?? true) {
    e.push(
      us(0x0028, 0x0002, 1),
      str(0x0028, 0x0004, 'CS', 'MONOCHROME2'),
      us(0x0028, 0x0010, 2),
      us(0x0028, 0x0011, 2),
      us(0x0028, 0x0100, 8),
      us(0x0028, 0x0101, 8),
      us(0x0028, 0x0102, 7),
      us(0x0028, 0x0103, 0),
      raw(0x7fe0, 0x0010, 'OB', Buffer.from([0x00, 0x40, 0x80, 0xff])),
    );
  }

  const metaBody = Buffer.concat(
    [
      raw(0x0002, 0x0001, 'OB', Buffer.from([0x00, 0x01])),
      str(0x0002, 0x0002, 'UI', SECONDARY_CAPTURE_IMAGE_STORAGE),
      str(0x0002, 0x0003, 'UI', spec.sopInstanceUid),
      str(0x0002, 0x0010, 'UI', EXPLICIT_VR_LITTLE_ENDIAN),
      str(0x0002, 0x0012, 'UI', IMPLEMENTATION_CLASS_UID),
      str(0x0002, 0x0013, 'SH', 'RADFLEET_TEST'),
    ].map(encode),
  );
  const groupLength = ul(0x0002, 0x0000, metaBody.length);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    encode(groupLength),
    metaBody,
    ...sorted(e).map(encode),
  ]);
}

// ---------------------------------------------------------------------------------------------
// A day's load for one device

export interface DeviceIdentity {
  modality: string;
  manufacturer: string | null;
  institutionName: string | null;
  stationName: string | null;
  manufacturerModelName: string | null;
  deviceSerialNumber: string | null;
}

export interface DayLoadShape {
  studies: number;
  seriesPerStudy: number;
  instancesPerSeries: number;
}

export interface DayLoad {
  device: DeviceIdentity;
  /** YYYYMMDD */
  studyDate: string;
  files: Buffer[];
  studyInstanceUids: string[];
  seriesInstanceUids: string[];
  /** What an archive must report for this load. */
  expected: { studies: number; series: number; instances: number };
}

/** N studies × M series × K instances acquired by one device on one day, each study a different patient. */
export function buildDayLoad(
  device: DeviceIdentity,
  studyDate: string,
  shape: DayLoadShape,
): DayLoad {
  for (const [k, v] of Object.entries(shape)) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`buildDayLoad: ${k} must be a positive integer (got ${v})`);
  }
  const files: Buffer[] = [];
  const studyInstanceUids: string[] = [];
  const seriesInstanceUids: string[] = [];
  for (let s = 0; s < shape.studies; s++) {
    const studyInstanceUid = newUid();
    const patientId = `P${randomUUID().slice(0, 8).toUpperCase()}`;
    studyInstanceUids.push(studyInstanceUid);
    for (let r = 0; r < shape.seriesPerStudy; r++) {
      const seriesInstanceUid = newUid();
      seriesInstanceUids.push(seriesInstanceUid);
      for (let i = 0; i < shape.instancesPerSeries; i++) {
        files.push(
          buildDicomInstance({
            ...device,
            studyInstanceUid,
            seriesInstanceUid,
            sopInstanceUid: newUid(),
            studyDate,
            patientId,
            seriesNumber: r + 1,
            instanceNumber: i + 1,
          }),
        );
      }
    }
  }
  return {
    device,
    studyDate,
    files,
    studyInstanceUids,
    seriesInstanceUids,
    expected: {
      studies: shape.studies,
      series: shape.studies * shape.seriesPerStudy,
      instances: shape.studies * shape.seriesPerStudy * shape.instancesPerSeries,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding

type Vr = 'CS' | 'DA' | 'TM' | 'LO' | 'SH' | 'PN' | 'UI' | 'IS' | 'US' | 'UL' | 'OB';

interface Element {
  group: number;
  element: number;
  vr: Vr;
  value: Buffer;
}

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding (of those used here). */
const LONG_VRS = new Set<Vr>(['OB']);

/** Maximum value lengths (characters) and allowed characters, PS3.5 table 6.2-1. */
const TEXT_RULES: Partial<Record<Vr, { max: number; pattern?: RegExp }>> = {
  CS: { max: 16, pattern: /^[A-Z0-9 _]*$/ },
  DA: { max: 8, pattern: /^\d{8}$/ },
  TM: { max: 16, pattern: /^\d{2,6}(\.\d{1,6})?$/ },
  LO: { max: 64, pattern: /^[^\\\r\n\f]*$/ },
  SH: { max: 16, pattern: /^[^\\\r\n\f]*$/ },
  PN: { max: 64 * 5 },
  UI: { max: 64, pattern: /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/ },
  IS: { max: 12, pattern: /^[+-]?\d+$/ },
};

function tagName(group: number, element: number): string {
  return `(${group.toString(16).padStart(4, '0')},${element.toString(16).padStart(4, '0')})`.toUpperCase();
}

function str(group: number, element: number, vr: Vr, value: string): Element {
  const rule = TEXT_RULES[vr];
  if (!rule) throw new Error(`no text rule for VR ${vr}`);
  if ([...value].length > rule.max)
    throw new Error(
      `${tagName(group, element)} ${vr} is longer than ${rule.max} characters: "${value}"`,
    );
  if (rule.pattern && !rule.pattern.test(value))
    throw new Error(`${tagName(group, element)} is not a valid ${vr}: "${value}"`);
  if (vr === 'DA' && !validDate(value))
    throw new Error(`${tagName(group, element)} is not a calendar date: "${value}"`);
  let bytes = Buffer.from(value, 'utf8');
  if (bytes.length % 2 === 1)
    bytes = Buffer.concat([bytes, Buffer.from(vr === 'UI' ? [0x00] : [0x20])]);
  return { group, element, vr, value: bytes };
}

function opt(
  group: number,
  element: number,
  vr: Vr,
  value: string | null | undefined,
): Element | null {
  return value === null || value === undefined ? null : str(group, element, vr, value);
}

function us(group: number, element: number, value: number): Element {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return { group, element, vr: 'US', value: b };
}

function ul(group: number, element: number, value: number): Element {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return { group, element, vr: 'UL', value: b };
}

function raw(group: number, element: number, vr: Vr, value: Buffer): Element {
  const bytes = value.length % 2 === 1 ? Buffer.concat([value, Buffer.from([0x00])]) : value;
  return { group, element, vr, value: bytes };
}

function sorted(elements: Element[]): Element[] {
  return [...elements].sort((a, b) => a.group - b.group || a.element - b.element);
}

function encode(e: Element): Buffer {
  const long = LONG_VRS.has(e.vr);
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(e.group, 0);
  header.writeUInt16LE(e.element, 2);
  header.write(e.vr, 4, 'latin1');
  if (long) header.writeUInt32LE(e.value.length, 8);
  else {
    if (e.value.length > 0xffff)
      throw new Error(`${tagName(e.group, e.element)} value too long for ${e.vr}`);
    header.writeUInt16LE(e.value.length, 6);
  }
  return Buffer.concat([header, e.value]);
}

function validDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
