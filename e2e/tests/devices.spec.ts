import type { APIRequestContext } from '@playwright/test';
import type { DeviceResponse, FacilityResponse, LoginResponse, Paged } from '@radfleet/shared';
import ExcelJS from 'exceljs';
import { DeviceImportPage } from '../pages/device-import.page.js';
import { DeviceListPage } from '../pages/device-list.page.js';
import { DevicePage } from '../pages/device.page.js';
import { DEMO_PASSWORD, demoEmail, expect, test, type DemoRole } from '../support/fixtures.js';

/** The API as a role sees it, with its own bearer token (the browser keeps its token in memory). */
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
    patch: (path: string, data: unknown) => request.patch(path, { headers, data }),
  };
}

test.describe('devices', () => {
  test("a facility manager edits a device of their own facility, and cannot edit another facility's", async ({
    page,
    request,
    signedInAs,
  }) => {
    await signedInAs('manager');
    const api = await apiAs(request, 'manager');
    expect(api.user.facilityIds.length).toBeGreaterThan(0);
    const own = (
      await api.get<Paged<DeviceResponse>>(
        `/api/devices?facilityId=${api.user.facilityIds[0]}&status=IN_SERVICE&pageSize=1`,
      )
    ).items[0]!;
    const facilities = await api.get<Paged<FacilityResponse>>('/api/facilities?pageSize=500');
    const elsewhere = facilities.items.find(
      (f) => !api.user.facilityIds.includes(f.id) && f.deviceCount > 0,
    )!;
    const other = (
      await api.get<Paged<DeviceResponse>>(`/api/devices?facilityId=${elsewhere.id}&pageSize=1`)
    ).items[0]!;

    // Their own device: edit the room, see it saved, on the page and in the history.
    const device = new DevicePage(page);
    await device.openDevice(own.id);
    const room = `E2E-${Date.now() % 100000}`;
    await device.edit({ room });
    await expect(page.getByText('Сохранено.')).toBeVisible();
    await expect(device.detail('room')).toHaveText(room);
    expect((await api.get<DeviceResponse>(`/api/devices/${own.id}`)).room).toBe(room);
    await device.openHistory();
    await expect(device.history.locator('li').first()).toContainText('Кабинет');
    await expect(device.history.locator('li').first()).toContainText(room);
    await expect(device.history.locator('li').first()).toContainText(demoEmail('manager'));

    // Another facility's device: read only on the page, and the API refuses the change.
    await device.openDevice(other.id);
    await expect(device.readOnlyNotice).toBeVisible();
    await expect(device.editButton).toHaveCount(0);
    await expect(device.statusButton).toHaveCount(0);
    const refused = await api.patch(`/api/devices/${other.id}`, {
      room: 'nope',
      version: other.version,
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('OUTSIDE_FACILITY_SCOPE');
    expect((await api.get<DeviceResponse>(`/api/devices/${other.id}`)).room).toBe(other.room);
  });

  test('an import with one bad row shows the error and saves nothing; the corrected file applies', async ({
    page,
    request,
    signedInAs,
  }) => {
    await signedInAs('manager');
    const api = await apiAs(request, 'manager');
    const facility = await api.get<FacilityResponse>(`/api/facilities/${api.user.facilityIds[0]}`);
    const tag = `E2E-IMP-${Date.now() % 1000000}`;
    const header =
      'Инвентарный номер;Код учреждения;Модальность;Технология;Производитель;Модель;Год выпуска;Дата ввода в эксплуатацию';
    const csv = (year: string) =>
      [
        header,
        `${tag}-1;${facility.code};КТ;Цифровой;Canon Medical Systems;Aquilion Prime SP;2021;15.03.2022`,
        `${tag}-2;${facility.code};Маммография;Цифровой;Fujifilm;Amulet Innovality;${year};01.09.2023`,
      ].join('\r\n');
    const saved = async () => (await api.get<Paged<DeviceResponse>>(`/api/devices?q=${tag}`)).total;

    const wizard = new DeviceImportPage(page);
    await wizard.openWizard();
    await wizard.check('devices-bad.csv', csv('20x3'));
    await expect(wizard.rowErrors).toBeVisible();
    await expect(wizard.errorTotal).toHaveText('1');
    await expect(wizard.rows).toHaveCount(1);
    await expect(wizard.rows.first()).toContainText(`${tag}-2`);
    await expect(wizard.rows.first()).toContainText('Год выпуска');
    await expect(wizard.applyButton).toBeDisabled();
    expect(await saved()).toBe(0);

    await wizard.anotherFileButton.click();
    await wizard.check('devices-fixed.csv', csv('2023'));
    await expect(wizard.errorTotal).toHaveText('0');
    await expect(wizard.createTotal).toHaveText('2');
    expect(await saved()).toBe(0);
    await wizard.applyButton.click();
    await expect(wizard.done).toContainText('добавлено 2');
    expect(await saved()).toBe(2);
    const created = (await api.get<Paged<DeviceResponse>>(`/api/devices?q=${tag}-2`)).items[0]!;
    expect(created).toMatchObject({
      modality: 'MAMMOGRAPHY',
      yearOfManufacture: 2023,
      commissioningDate: '2023-09-01',
      facilityId: facility.id,
    });
  });

  test('export downloads a workbook of the filtered devices that opens', async ({
    page,
    request,
    signedInAs,
  }) => {
    await signedInAs('executive');
    const api = await apiAs(request, 'executive');
    const expected = (
      await api.get<Paged<DeviceResponse>>('/api/devices?modality=CT,MRI&pageSize=1')
    ).total;
    expect(expected).toBeGreaterThan(0);

    const list = new DeviceListPage(page);
    await list.openWith('?modality=CT,MRI');
    await expect.poll(() => list.totalCount()).toBe(expected);
    const download = await list.exportWorkbook();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = test.info().outputPath('devices.xlsx');
    await download.saveAs(path);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Устройства');
    expect(sheet, book.worksheets.map((w) => w.name).join(', ')).toBeTruthy();
    // The header row is the one that names the inventory number; every row below it is a device.
    let headerRow = 0;
    sheet!.eachRow((row, n) => {
      if (!headerRow && row.values && (row.values as unknown[]).includes('Инвентарный номер'))
        headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    let rows = 0;
    const modalities = new Set<string>();
    const modalityColumn = (sheet!.getRow(headerRow).values as unknown[]).indexOf('Модальность');
    sheet!.eachRow((row, n) => {
      if (n > headerRow && row.getCell(1).text.trim() !== '') {
        rows++;
        if (modalityColumn > 0) modalities.add(row.getCell(modalityColumn).text);
      }
    });
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBe(expected);
    if (modalityColumn > 0) expect([...modalities].sort()).toEqual(['КТ', 'МРТ']);
  });
});
