import {
  activeFilterCount,
  deviceApiParams,
  deviceQueryPatch,
  hasSecondaryFilters,
  parseDeviceFilter,
  sortParam,
  sortState,
} from './device-filter';

const FACILITY = '0b7c6f7e-5d1a-4c39-9a57-3f4f3c3b2a10';

describe('device filter ↔ URL', () => {
  it('reads every filter from the query parameters', () => {
    const f = parseDeviceFilter({
      page: '3',
      pageSize: '100',
      sort: '-age',
      q: '  Siemens ',
      modality: 'CT,MRI',
      status: 'IN_SERVICE,UNDER_REPAIR',
      technology: 'ANALOGUE',
      district: 'CAO',
      facilityId: FACILITY,
      ageMin: '5',
      ageMax: '10',
      overdue: 'true',
      installed: 'true',
      archiveConnected: 'false',
    });
    expect(f).toEqual({
      page: 3,
      pageSize: 100,
      sort: '-age',
      q: 'Siemens',
      modality: ['CT', 'MRI'],
      status: ['IN_SERVICE', 'UNDER_REPAIR'],
      technology: 'ANALOGUE',
      district: ['CAO'],
      facilityId: [FACILITY],
      ageMin: 5,
      ageMax: 10,
      overdue: true,
      installed: true,
      archiveConnected: false,
    });
  });

  it('falls back to defaults and drops what the API would reject', () => {
    const f = parseDeviceFilter({
      page: '0',
      pageSize: '5000',
      sort: '-password',
      modality: 'CT,XRAY,,CT',
      technology: 'HOLOGRAPHIC',
      facilityId: 'not-a-uuid',
      ageMin: '-1',
      ageMax: '2.5',
      overdue: 'maybe',
    });
    expect(f.page).toBe(1);
    expect(f.pageSize).toBe(50);
    expect(f.sort).toBe('inventoryNumber');
    expect(f.modality).toEqual(['CT']);
    expect(f.technology).toBeUndefined();
    expect(f.facilityId).toEqual([]);
    expect(f.ageMin).toBeUndefined();
    expect(f.ageMax).toBeUndefined();
    expect(f.overdue).toBeUndefined();
    expect(activeFilterCount(f)).toBe(1);
  });

  it('sends lists comma-separated, and leaves paging out of an export', () => {
    const f = parseDeviceFilter({ modality: 'CT,MRI', overdue: 'false', q: 'GE', page: '2' });
    expect(deviceApiParams(f)).toMatchObject({
      page: 2,
      pageSize: 50,
      modality: 'CT,MRI',
      overdue: false,
      q: 'GE',
      status: undefined,
    });
    const exported = deviceApiParams(f, false);
    expect(exported).not.toHaveProperty('page');
    expect(exported).not.toHaveProperty('pageSize');
    expect(exported).toMatchObject({ sort: 'inventoryNumber', modality: 'CT,MRI', overdue: false });
  });

  it('turns a change into router parameters; cleared values remove theirs', () => {
    expect(
      deviceQueryPatch({
        modality: [],
        status: ['IDLE' as never],
        technology: undefined,
        ageMin: 0,
        overdue: false,
        q: '',
      }),
    ).toEqual({
      modality: null,
      status: 'IDLE',
      technology: null,
      ageMin: '0',
      overdue: 'false',
      q: null,
    });
  });

  it('round-trips: what the URL gets back parses to the same filter', () => {
    const f = parseDeviceFilter({
      modality: 'MAMMOGRAPHY',
      district: 'SAO,VAO',
      ageMin: '0',
      archiveConnected: 'true',
    });
    const back = parseDeviceFilter(
      Object.fromEntries(
        Object.entries(deviceQueryPatch(f)).filter(([, v]) => v !== null),
      ) as Record<string, string>,
    );
    expect(back).toEqual(f);
  });

  it('opens "more filters" only for the filters kept there', () => {
    expect(hasSecondaryFilters(parseDeviceFilter({ modality: 'CT', q: 'x' }))).toBe(false);
    expect(hasSecondaryFilters(parseDeviceFilter({ ageMax: '0' }))).toBe(true);
    expect(hasSecondaryFilters(parseDeviceFilter({ overdue: 'false' }))).toBe(true);
  });

  it('maps the table sort both ways', () => {
    expect(sortState('-remainingLifeMonths')).toEqual({
      active: 'remainingLifeMonths',
      direction: 'desc',
    });
    expect(sortParam('age', 'asc')).toBe('age');
    expect(sortParam('age', 'desc')).toBe('-age');
    expect(sortParam('age', '')).toBeNull();
  });
});
