/**
 * DICOM JSON (PS3.18 annex F): validation of a whole QIDO-RS answer before any of it is mapped.
 */
import { isPlainObject, typeOf } from './qido.util.js';

/** One dataset: attributes keyed by 8-hex-digit tag. */
export type DicomJsonDataset = Record<string, DicomJsonAttribute>;

export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

const STRING_VRS = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DT',
  'LO',
  'LT',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);
const NUMBER_VRS = new Set(['FL', 'FD', 'SL', 'SS', 'UL', 'US']);
/** Numbers that PS3.18 allows as JSON strings too (decimal/integer strings, 64-bit integers). */
const NUMBER_OR_STRING_VRS = new Set(['DS', 'IS', 'SV', 'UV']);
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const ATTRIBUTE_KEYS = new Set(['vr', 'Value', 'InlineBinary', 'BulkDataURI']);
const PN_KEYS = new Set(['Alphabetic', 'Ideographic', 'Phonetic']);
const TAG = /^[0-9A-Fa-f]{8}$/;
const MAX_SEQUENCE_DEPTH = 16;

/** The first thing wrong with a QIDO-RS answer body, or null if it is a valid DICOM JSON dataset array. */
export function validateDicomJsonArray(json: unknown): string | null {
  if (!Array.isArray(json)) return `expected a JSON array, got ${typeOf(json)}`;
  for (let i = 0; i < json.length; i++) {
    const problem = validateDataset(json[i], `[${i}]`, 0);
    if (problem) return problem;
  }
  return null;
}

function validateDataset(dataset: unknown, at: string, depth: number): string | null {
  if (!isPlainObject(dataset)) return `${at} should be an object, got ${typeOf(dataset)}`;
  for (const [tag, attribute] of Object.entries(dataset)) {
    const here = `${at}["${tag}"]`;
    if (!TAG.test(tag)) return `${here}: "${tag}" is not a DICOM tag (8 hexadecimal digits)`;
    const problem = validateAttribute(attribute, here, depth);
    if (problem) return problem;
  }
  return null;
}

function validateAttribute(attribute: unknown, at: string, depth: number): string | null {
  if (!isPlainObject(attribute))
    return `${at} should be an object with "vr", got ${typeOf(attribute)}`;
  for (const key of Object.keys(attribute))
    if (!ATTRIBUTE_KEYS.has(key)) return `${at} has an unknown member "${key}"`;
  const { vr, Value: value, InlineBinary: inline, BulkDataURI: bulk } = attribute;
  if (typeof vr !== 'string') return `${at}.vr is missing or not a string`;
  const kinds = [value, inline, bulk].filter((x) => x !== undefined).length;
  if (kinds > 1) return `${at} may have only one of Value, InlineBinary and BulkDataURI`;
  if (BINARY_VRS.has(vr)) {
    if (value !== undefined)
      return `${at}: a ${vr} attribute carries InlineBinary or BulkDataURI, not Value`;
    if (inline !== undefined && typeof inline !== 'string')
      return `${at}.InlineBinary should be a string`;
    if (bulk !== undefined && typeof bulk !== 'string')
      return `${at}.BulkDataURI should be a string`;
    return null;
  }
  if (inline !== undefined || bulk !== undefined)
    return `${at}: a ${vr} attribute cannot carry InlineBinary or BulkDataURI`;
  if (value === undefined) {
    return STRING_VRS.has(vr) ||
      NUMBER_VRS.has(vr) ||
      NUMBER_OR_STRING_VRS.has(vr) ||
      vr === 'PN' ||
      vr === 'AT' ||
      vr === 'SQ'
      ? null
      : `${at}.vr "${vr}" is not a DICOM value representation`;
  }
  if (!Array.isArray(value)) return `${at}.Value should be an array, got ${typeOf(value)}`;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const here = `${at}.Value[${i}]`;
    if (item === null && vr !== 'SQ') continue; // an empty value among several
    if (STRING_VRS.has(vr)) {
      if (typeof item !== 'string')
        return `${here} should be a string (${vr}), got ${typeOf(item)}`;
    } else if (NUMBER_VRS.has(vr)) {
      if (typeof item !== 'number' || !Number.isFinite(item))
        return `${here} should be a number (${vr}), got ${typeOf(item)}`;
    } else if (NUMBER_OR_STRING_VRS.has(vr)) {
      if (!(typeof item === 'number' && Number.isFinite(item)) && typeof item !== 'string')
        return `${here} should be a number (${vr}), got ${typeOf(item)}`;
      if (vr === 'IS' && typeof item === 'number' && !Number.isInteger(item))
        return `${here} should be an integer (IS), got ${item}`;
    } else if (vr === 'PN') {
      if (!isPlainObject(item))
        return `${here} should be a person name object (PN), got ${typeOf(item)}`;
      for (const [k, v] of Object.entries(item)) {
        if (!PN_KEYS.has(k)) return `${here} has an unknown person name member "${k}"`;
        if (typeof v !== 'string') return `${here}.${k} should be a string`;
      }
    } else if (vr === 'AT') {
      if (typeof item !== 'string' || !TAG.test(item))
        return `${here} should be a tag string (AT), got ${JSON.stringify(item)}`;
    } else if (vr === 'SQ') {
      if (depth >= MAX_SEQUENCE_DEPTH)
        return `${here}: sequences nested deeper than ${MAX_SEQUENCE_DEPTH}`;
      const problem = validateDataset(item, here, depth + 1);
      if (problem) return problem;
    } else {
      return `${at}.vr "${vr}" is not a DICOM value representation`;
    }
  }
  return null;
}
