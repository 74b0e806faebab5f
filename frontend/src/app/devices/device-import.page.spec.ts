import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ImportResult } from '@radfleet/shared';
import { DeviceImportApi } from './device-import.api';
import { canApply, importRows } from '../core/import/import-wizard.component';
import { DeviceImportPage } from './device-import.page';

function result(over: Partial<ImportResult> = {}): ImportResult {
  return {
    dryRun: true,
    applied: false,
    fileErrors: [],
    warnings: [],
    totals: { rows: 3, create: 1, update: 1, unchanged: 1, error: 0 },
    rows: [
      { row: 2, action: 'create', key: 'NEW-1', errors: [] },
      { row: 3, action: 'update', key: 'INV-000131', errors: [] },
      { row: 4, action: 'unchanged', key: 'INV-000132', errors: [] },
    ],
    truncated: false,
    resultUrl: '/api/imports/results/0b6d6a43-4a59-4d52-9b0e-5b0c1f2a7c11.xlsx',
    resultExpiresAt: '2026-01-01T12:00:00.000Z',
    ...over,
  };
}

const withError = result({
  totals: { rows: 3, create: 1, update: 0, unchanged: 1, error: 1 },
  rows: [
    { row: 2, action: 'create', key: 'NEW-1', errors: [] },
    {
      row: 3,
      action: 'error',
      key: 'BAD-1',
      errors: [
        { column: 'Год выпуска', message: '"19x" is not a whole number.', code: 'INVALID_INTEGER' },
      ],
    },
    { row: 4, action: 'unchanged', key: 'INV-000132', errors: [] },
  ],
});

describe('DeviceImportPage', () => {
  let fixture: ComponentFixture<DeviceImportPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) => el().querySelector<HTMLElement>(`[data-testid=${id}]`);

  beforeEach(() => {
    localStorage.setItem('radfleet.lang', 'en');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        DeviceImportApi,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeviceImportPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** Lets the page's promise chain run after a response, then renders. */
  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }

  async function chooseAndCheck(): Promise<void> {
    const input = q('import-file') as HTMLInputElement;
    const file = new File(['Инвентарный номер;Модель\nNEW-1;X\n'], 'devices.csv', {
      type: 'text/csv',
    });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(q('import-file-name')?.textContent).toContain('devices.csv');
    q('import-check')!.click();
  }

  it('uploads with progress, then shows the rows with errors and refuses to apply', async () => {
    await chooseAndCheck();
    const req = http.expectOne('/api/devices/import?dryRun=true');
    expect(req.request.body).toBeInstanceOf(FormData);
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    fixture.detectChanges();
    expect(q('import-progress')?.textContent).toContain('40 %');
    req.event({ type: HttpEventType.UploadProgress, loaded: 100, total: 100 });
    fixture.detectChanges();
    expect(q('import-progress')?.textContent).toContain('Checking the rows');

    req.flush(withError);
    await settle();
    expect(q('import-total-error')?.textContent?.trim()).toBe('1');
    expect(q('import-row-errors')?.textContent).toContain('Nothing is saved');
    const rows = el().querySelectorAll('[data-testid=import-row]');
    expect(rows.length).toBe(1);
    expect(rows[0]!.textContent).toContain('BAD-1');
    expect(rows[0]!.textContent).toContain('Год выпуска');
    expect(rows[0]!.textContent).toContain('is not a whole number');
    expect((q('import-apply') as HTMLButtonElement).disabled).toBe(true);
  });

  it('applies a clean file as a second upload and shows the result', async () => {
    await chooseAndCheck();
    http.expectOne('/api/devices/import?dryRun=true').flush(result());
    await settle();
    const apply = q('import-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(false);
    expect(apply.textContent).toContain('Apply (2)');
    apply.click();
    fixture.detectChanges();
    http
      .expectOne('/api/devices/import?dryRun=false')
      .flush(result({ dryRun: false, applied: true }));
    await settle();
    expect(q('import-done')?.textContent).toContain('1 added, 1 changed, 1 unchanged');
    expect(q('import-apply')).toBeNull();
  });

  it('says when the preview is a part of the rows, and downloads the full result', async () => {
    await chooseAndCheck();
    http
      .expectOne('/api/devices/import?dryRun=true')
      .flush(
        result({
          truncated: true,
          totals: { rows: 60000, create: 1, update: 1, unchanged: 59998, error: 0 },
        }),
      );
    await settle();
    expect(q('import-truncated')?.textContent).toContain('Showing 3 of 60,000 rows');
    q('import-result-download')!.click();
    const download = http.expectOne(result().resultUrl!);
    expect(download.request.method).toBe('GET');
    download.flush(new Blob(['xlsx']), {
      headers: { 'Content-Disposition': 'attachment; filename="radfleet-devices-import.xlsx"' },
    });
    await settle();
    expect(q('import-error')).toBeNull();
  });

  it('says so when other imports are running, and names the size limit', async () => {
    await chooseAndCheck();
    http
      .expectOne('/api/devices/import?dryRun=true')
      .flush(
        { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'TOO_MANY_IMPORTS' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await settle();
    expect(q('import-error')?.textContent).toContain('Other imports are running');
    q('import-check')!.click();
    http.expectOne('/api/devices/import?dryRun=true').flush(
      {
        type: 'about:blank',
        title: 'Content Too Large',
        status: 413,
        limit: { name: 'IMPORT_MAX_UPLOAD_MB', value: 25 },
      },
      { status: 413, statusText: 'Content Too Large' },
    );
    await settle();
    expect(q('import-error')?.textContent).toContain('larger than 25 MB');
  });

  it('says so when the file is too large', async () => {
    await chooseAndCheck();
    http
      .expectOne('/api/devices/import?dryRun=true')
      .flush(
        { type: 'about:blank', title: 'Payload Too Large', status: 413 },
        { status: 413, statusText: 'Payload Too Large' },
      );
    await settle();
    expect(q('import-error')?.textContent).toContain('too large');
    expect(q('import-check')).not.toBeNull();
  });
});

describe('import preview helpers', () => {
  it('lists problems, changes or all rows', () => {
    expect(importRows(withError, 'problems').map((r) => r.row)).toEqual([3]);
    expect(importRows(result(), 'changes').map((r) => r.action)).toEqual(['create', 'update']);
    expect(importRows(result(), 'all')).toHaveLength(3);
  });

  it('applies only a clean file that changes something', () => {
    expect(canApply(result())).toBe(true);
    expect(canApply(withError)).toBe(false);
    expect(canApply(result({ fileErrors: [{ column: 'file', message: 'x' }] }))).toBe(false);
    expect(
      canApply(result({ totals: { rows: 1, create: 0, update: 0, unchanged: 1, error: 0 } })),
    ).toBe(false);
  });
});
