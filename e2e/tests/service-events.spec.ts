import type { APIRequestContext } from '@playwright/test';
import type {
  DeviceResponse,
  DeviceAvailabilityResponse,
  FacilityResponse,
  LoginResponse,
  Paged,
  ServiceEventResponse,
} from '@radfleet/shared';
import { ServiceLogPage } from '../pages/service-log.page.js';
import { DEMO_PASSWORD, demoEmail, expect, test, type DemoRole } from '../support/fixtures.js';

async function apiAs(request: APIRequestContext, role: DemoRole) {
  const res = await request.post('/api/auth/login', {
    data: { email: demoEmail(role), password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  const login = (await res.json()) as LoginResponse;
  const headers = { Authorization: `Bearer ${login.accessToken}` };
  return {
    user: login.user,
    async get<T>(path: string): Promise<T> {
      const r = await request.get(path, { headers });
      expect(r.status(), await r.text()).toBe(200);
      return (await r.json()) as T;
    },
  };
}

/** A moment in the city's time as typed in the app, `27.11.2026 09:30` (the browser runs in Europe/Moscow). */
function moscowTyped(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Moscow',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p['day']}.${p['month']}.${p['year']} ${p['hour']}:${p['minute']}`;
}

test.describe('service events', () => {
  test("a facility manager logs a breakdown and resolves it, and the device's status and uptime change", async ({
    page,
    request,
    signedInAs,
  }) => {
    await signedInAs('manager');
    const api = await apiAs(request, 'manager');
    const facility = (
      await api.get<Paged<FacilityResponse>>('/api/facilities?q=MO-001')
    ).items.find((f) => f.code === 'MO-001')!;
    expect(api.user.facilityIds).toContain(facility.id);

    // A device of MO-001 in service with no service event in the last two days, so that a day of
    // breakdown is new downtime.
    const devices = await api.get<Paged<DeviceResponse>>(
      `/api/devices?facilityId=${facility.id}&status=IN_SERVICE&pageSize=100`,
    );
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    let device: DeviceResponse | undefined;
    for (const d of devices.items) {
      const recent = await api.get<Paged<ServiceEventResponse>>(
        `/api/service-events?deviceId=${d.id}&from=${since}&pageSize=1`,
      );
      if (recent.total === 0) {
        device = d;
        break;
      }
    }
    expect(device, 'a quiet in-service device of MO-001').toBeDefined();
    const id = device!.id;

    const log = new ServiceLogPage(page);
    await log.openDevice(id);
    await expect(log.status).toHaveText('В работе');
    const uptimeBefore = await log.uptimePercent();

    // A breakdown reported a day ago: the device goes under repair and its uptime drops.
    const description = `E2E: не включается генератор ${Date.now() % 100000}`;
    await log.logEvent({
      type: /^Поломка$/,
      reportedAt: moscowTyped(new Date(Date.now() - 24 * 3_600_000)),
      description,
      cost: '15 000,50',
    });
    await expect(page.getByText('Событие записано.')).toBeVisible();
    const row = log.rows.filter({ hasText: description });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('service-resolved')).toHaveText('Не устранено');
    await expect(row).toContainText('15 000,50 ₽');
    await expect(log.status).toHaveText('В ремонте');
    await expect.poll(() => log.uptimePercent()).toBeLessThan(uptimeBefore);
    const during = await log.uptimePercent();
    expect((await api.get<DeviceResponse>(`/api/devices/${id}`)).status).toBe('UNDER_REPAIR');

    // Resolved now: back in service; the day of downtime stays in the uptime.
    await log.resolve(row);
    await expect(page.getByText('Событие завершено.')).toBeVisible();
    await expect(row.getByTestId('service-resolved')).toHaveText(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    await expect(row.getByTestId('service-downtime')).toContainText(/1 д 0 ч|24 ч|23,\d ч/);
    await expect(log.status).toHaveText('В работе');
    expect((await api.get<DeviceResponse>(`/api/devices/${id}`)).status).toBe('IN_SERVICE');
    const uptimeAfter = await log.uptimePercent();
    expect(uptimeAfter).toBeLessThan(uptimeBefore);
    expect(uptimeAfter).toBeCloseTo(during, 1);
    const uptime = await api.get<DeviceAvailabilityResponse>(`/api/devices/${id}/availability`);
    expect(uptime.unplannedDowntimeHours).toBeGreaterThanOrEqual(23.9);
  });
});
