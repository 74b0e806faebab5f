import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DeviceResponse } from '@radfleet/shared';
import { DeviceFormComponent } from './device-form.component';
import { sampleDevice } from './device.fixtures';

describe('DeviceFormComponent (edit)', () => {
  let fixture: ComponentFixture<DeviceFormComponent>;
  let http: HttpTestingController;
  const device = sampleDevice();
  const el = () => fixture.nativeElement as HTMLElement;
  const field = (name: string) =>
    el().querySelector<HTMLInputElement>(`[data-testid=device-field-${name}]`)!;
  const type = (name: string, value: string) => {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  /** Validation is asynchronous (class-validator); a request may then be pending, so no whenStable here. */
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  };
  const save = async () => {
    el().querySelector<HTMLButtonElement>('[data-testid=device-save]')!.click();
    await settle();
  };

  beforeEach(async () => {
    localStorage.setItem('radfleet.lang', 'en');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeviceFormComponent);
    fixture.componentRef.setInput('device', device);
    fixture.detectChanges();
    http.expectOne('/api/modalities').flush([]);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('starts from the device and formats the date the Russian way', () => {
    expect(field('inventoryNumber').value).toBe('INV-000131');
    expect(field('commissioningDate').value).toBe('11.05.2007');
    expect(field('purchasePrice').value).toBe('55767200.00');
  });

  it('shows the DTO errors on their fields and sends nothing', async () => {
    type('dicomAeTitle', 'BAD\\AE');
    type('yearOfManufacture', '19x');
    await save();
    http.expectNone((r) => r.method === 'PATCH');
    const text = el().textContent ?? '';
    expect(text).toContain('1 to 16 printable ASCII characters, no backslash.');
    expect(text).toContain('A whole year from 1950 to 2100.');
    expect(el().querySelector('[data-testid=device-form-message]')?.textContent).toContain(
      'Correct the marked fields',
    );
  });

  it('patches only the changed fields with the version it read', async () => {
    const saved: DeviceResponse[] = [];
    fixture.componentInstance.saved.subscribe((d) => saved.push(d));
    type('room', ' 018 ');
    type('purchasePrice', '55 767 200,00');
    await save();
    const req = http.expectOne(`/api/devices/${device.id}`);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ room: '018', version: 3 });
    req.flush({ ...device, room: '018', version: 4 });
    await settle();
    expect(saved.map((d) => d.version)).toEqual([4]);
  });

  it('puts the server field errors on their fields', async () => {
    type('inventoryNumber', 'INV-000001');
    await save();
    http.expectOne(`/api/devices/${device.id}`).flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'INVENTORY_NUMBER_TAKEN',
        errors: [{ field: 'inventoryNumber', message: 'inventory number INV-000001 is taken' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(el().textContent).toContain('This inventory number is taken.');
  });

  it('on a stale version shows both sides, and "keep mine" resends my fields with the current version', async () => {
    type('room', '018');
    await save();
    http
      .expectOne((r) => r.method === 'PATCH')
      .flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'STALE_VERSION',
          currentVersion: 5,
        },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    http
      .expectOne((r) => r.method === 'GET' && r.url === `/api/devices/${device.id}`)
      .flush({ ...device, notes: 'Checked by the engineer', version: 5 });
    await settle();
    TestBed.tick();
    const dialog = document.querySelector('rf-version-conflict-dialog') as HTMLElement;
    expect(dialog.querySelector('[data-testid=conflict-theirs]')?.textContent).toContain(
      'Checked by the engineer',
    );
    expect(dialog.querySelector('[data-testid=conflict-mine]')?.textContent).toContain('018');
    dialog.querySelector<HTMLButtonElement>('[data-testid=conflict-keep]')!.click();
    // The dialog closes after its exit animation; wait for the resend.
    let patches = http.match((r) => r.method === 'PATCH');
    for (let i = 0; i < 50 && patches.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      patches = http.match((r) => r.method === 'PATCH');
    }
    expect(patches).toHaveLength(1);
    const retry = patches[0]!;
    expect(retry.request.body).toEqual({ room: '018', version: 5 });
    retry.flush({ ...device, room: '018', notes: 'Checked by the engineer', version: 6 });
  });
});
