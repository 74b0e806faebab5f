import type { APIRequestContext } from '@playwright/test';
import type {
  ContractDetailResponse,
  ContractResponse,
  DeviceResponse,
  LoginResponse,
  Paged,
  SupplierResponse,
} from '@radfleet/shared';
import { ContractsPage } from '../pages/contracts.page.js';
import { DEMO_PASSWORD, demoEmail, expect, test, type DemoRole } from '../support/fixtures.js';

async function apiAs(request: APIRequestContext, role: DemoRole) {
  const res = await request.post('/api/auth/login', {
    data: { email: demoEmail(role), password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  const login = (await res.json()) as LoginResponse;
  const headers = { Authorization: `Bearer ${login.accessToken}` };
  return {
    async get<T>(path: string): Promise<T> {
      const r = await request.get(path, { headers });
      expect(r.status(), await r.text()).toBe(200);
      return (await r.json()) as T;
    },
  };
}

test.describe('contracts', () => {
  test('a procurement officer creates a contract with milestones and sees it in the list', async ({
    page,
    request,
    signedInAs,
  }) => {
    await signedInAs('procurement');
    const api = await apiAs(request, 'procurement');
    const supplier = (await api.get<Paged<SupplierResponse>>('/api/suppliers?pageSize=1&sort=name'))
      .items[0]!;
    // Two devices no contract covers yet, so that the new coverage overlaps nothing.
    const candidates = (await api.get<Paged<DeviceResponse>>('/api/devices?pageSize=200')).items;
    const devices: DeviceResponse[] = [];
    for (const d of candidates) {
      const covering = await api.get<Paged<ContractResponse>>(
        `/api/contracts?deviceId=${d.id}&pageSize=1`,
      );
      if (covering.total === 0) devices.push(d);
      if (devices.length === 2) break;
    }
    expect(devices).toHaveLength(2);
    const number = `E2E-${Date.now() % 1_000_000}`;

    const contracts = new ContractsPage(page);
    await contracts.openList();
    await contracts.create({
      number,
      type: /Жизненный цикл/,
      supplier: supplier.name,
      subject: 'Поставка и сервисное обслуживание маммографов',
      signedOn: '20.11.2026',
      startDate: '01.12.2026',
      endDate: '30.11.2031',
      value: '45 000 000,00',
      milestones: [
        { description: 'Аванс', dueDate: '15.12.2026', amount: '9 000 000' },
        { description: 'Поставка', dueDate: '01.06.2027', amount: '36 000 000,00' },
      ],
      devices: devices.map((d) => d.inventoryNumber),
    });
    await expect(page.getByText(`Контракт ${number} создан.`)).toBeVisible();

    await contracts.searchFor(number);
    const row = contracts.row(number);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(supplier.name);
    await expect(row).toContainText('Жизненный цикл');
    await expect(row).toContainText('30.11.2031');
    await expect(row).toContainText('45 000 000,00 ₽');

    // Saved as entered: the milestones in order and the covered devices.
    const listed = await api.get<Paged<ContractResponse>>(`/api/contracts?q=${number}`);
    expect(listed.total).toBe(1);
    const saved = await api.get<ContractDetailResponse>(`/api/contracts/${listed.items[0]!.id}`);
    expect(saved.value).toBe('45000000.00');
    expect(saved.signedOn).toBe('2026-11-20');
    expect(saved.milestones.map((m) => [m.sequence, m.description, m.dueDate, m.amount])).toEqual([
      [1, 'Аванс', '2026-12-15', '9000000.00'],
      [2, 'Поставка', '2027-06-01', '36000000.00'],
    ]);
    expect(saved.devices.map((d) => d.deviceId).sort()).toEqual(devices.map((d) => d.id).sort());
    // The dialog's default service level is saved with the contract.
    expect(saved.sla).toMatchObject({
      guaranteedUptimePercent: 95,
      basis: 'ROUND_THE_CLOCK',
      responseHours: 24,
      repairDays: 7,
    });

    // The contract's page opens from the list.
    await row.getByRole('link', { name: number }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  });
});
