import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DeviceHistoryEntry } from '@radfleet/shared';
import { DeviceHistoryComponent } from './device-history.component';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('DeviceHistoryComponent', () => {
  beforeEach(() => {
    localStorage.setItem('radfleet.lang', 'ru');
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  it('shows the newest change first, transfers by facility name, values formatted in Russian', async () => {
    const entries: DeviceHistoryEntry[] = [
      {
        at: '2026-01-10T09:00:00Z',
        action: 'CREATE',
        actorEmail: 'admin@radfleet.demo',
        requestId: null,
        changes: [
          { field: 'inventoryNumber', before: null, after: 'INV-1' },
          { field: 'notes', before: null, after: null },
        ],
      },
      {
        at: '2026-03-05T12:30:00Z',
        action: 'UPDATE',
        actorEmail: 'manager@radfleet.demo',
        requestId: 'r1',
        changes: [
          { field: 'facilityId', before: A, after: B },
          { field: 'purchasePrice', before: '1000.00', after: '2500000.50' },
          { field: 'status', before: 'IN_SERVICE', after: 'UNDER_REPAIR' },
        ],
      },
    ];
    const fixture = TestBed.createComponent(DeviceHistoryComponent);
    fixture.componentRef.setInput('entries', entries);
    fixture.componentRef.setInput(
      'facilityNames',
      new Map([
        [A, 'MO-001 — ГКБ № 2'],
        [B, 'MO-002 — ГКБ № 3'],
      ]),
    );
    await fixture.whenStable();
    const items = (fixture.nativeElement as HTMLElement).querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Перемещено');
    expect(items[0]!.querySelector('[data-testid=history-transfer]')?.textContent).toContain(
      'MO-001 — ГКБ № 2 → MO-002 — ГКБ № 3',
    );
    const text = items[0]!.textContent!.replace(/\s/g, ' ');
    expect(text).toContain('2 500 000,50 ₽');
    expect(text).toContain('В ремонте');
    expect(items[1]!.textContent).toContain('Создано');
    // The empty initial value is left out of a creation.
    expect(items[1]!.textContent).toContain('Начальные значения (1)');
  });
});
