import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { parseDeviceFilter } from './device-filter';
import { fileNameFromDisposition } from '../core/http/download';
import { DevicesApi } from './devices.api';

describe('DevicesApi', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
  });

  it('exports exactly what the list shows (filters and sort, not the page) in the chosen language', async () => {
    const api = TestBed.inject(DevicesApi);
    const http = TestBed.inject(HttpTestingController);
    const filter = parseDeviceFilter({
      modality: 'CT,MRI',
      overdue: 'true',
      sort: '-age',
      page: '4',
      q: 'GE',
    });
    const done = api.exportXlsx(filter, 'en');
    const req = http.expectOne((r) => r.url.startsWith('/api/devices/export.xlsx'));
    const params = new URLSearchParams(req.request.urlWithParams.split('?')[1]);
    expect(Object.fromEntries(params)).toEqual({
      sort: '-age',
      q: 'GE',
      modality: 'CT,MRI',
      overdue: 'true',
      lang: 'en',
    });
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['PK']), {
      headers: {
        'Content-Disposition': 'attachment; filename="devices-2026-11-27.xlsx"',
      },
    });
    const file = await done;
    expect(file.fileName).toBe('devices-2026-11-27.xlsx');
    expect(file.blob.size).toBe(2);
    http.verify();
  });

  it('reads the file name from Content-Disposition, safely', () => {
    expect(
      fileNameFromDisposition('attachment; filename="devices-2026-11-27.xlsx"', 'x.xlsx'),
    ).toBe('devices-2026-11-27.xlsx');
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx', 'x.xlsx')).toBe('plain.xlsx');
    expect(
      fileNameFromDisposition('attachment; filename="../../evil.xlsx"', 'x.xlsx'),
    ).toBe('.._.._evil.xlsx');
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
  });
});
