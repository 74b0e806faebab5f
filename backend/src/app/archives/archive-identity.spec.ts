import { describe, expect, it } from 'vitest';
import { DayTally, identityKey, suggestedModality } from './archive-identity.js';
import type { QidoSeriesRecord } from './qido/qido.types.js';

const series = (over: Partial<QidoSeriesRecord>): QidoSeriesRecord => ({
  studyDate: '2024-03-04',
  studyInstanceUid: '1.2.3',
  seriesInstanceUid: null,
  modality: 'CT',
  manufacturer: 'SIEMENS',
  institutionName: 'Городская больница №1',
  stationName: 'CT01',
  modelName: 'SOMATOM',
  deviceSerialNumber: '108442',
  numberOfInstances: 10,
  ...over,
});

describe('archive identities', () => {
  it('are the same trimmed and in any letter case, and differ on any field', () => {
    expect(identityKey({ stationName: ' ct01 ', modality: 'CT' })).toBe(
      identityKey({ stationName: 'CT01', modality: 'ct' }),
    );
    expect(identityKey({ stationName: 'CT01' })).not.toBe(identityKey({ stationName: 'CT02' }));
    expect(identityKey({ stationName: 'CT01' })).not.toBe(
      identityKey({ deviceSerialNumber: 'CT01' }),
    );
  });

  it('count distinct studies and summed images per identity', () => {
    const t = new DayTally();
    t.add(series({ studyInstanceUid: 'a', numberOfInstances: 3 }));
    t.add(series({ studyInstanceUid: 'a', numberOfInstances: 4 }));
    t.add(series({ studyInstanceUid: 'b', numberOfInstances: 5 }));
    t.add(series({ studyInstanceUid: 'c', stationName: 'CT02', numberOfInstances: 1 }));
    const rows = t.rows();
    expect(t.series).toBe(4);
    expect(rows).toHaveLength(2);
    const ct01 = rows.find((r) => r.identity.stationName === 'CT01')!;
    expect([ct01.studies, ct01.images]).toEqual([2, 12]);
    const ct02 = rows.find((r) => r.identity.stationName === 'CT02')!;
    expect([ct02.studies, ct02.images]).toEqual([1, 1]);
  });

  it('suggest the registry modality of a DICOM modality', () => {
    expect(suggestedModality('MR')).toBe('MRI');
    expect(suggestedModality('dx')).toBe('RADIOGRAPHY');
    expect(suggestedModality('OT')).toBeNull();
  });
});
