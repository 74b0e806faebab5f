import {
  District,
  FacilityType,
  Role,
  type FacilityResponse,
  type LoginResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { UsersService } from '../../src/app/users/users.service.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'test-password-for-radfleet';

export interface Account {
  id: string;
  email: string;
  role: Role;
  token: string;
  auth: { Authorization: string };
}

/** Creates a user straight through the service (no HTTP), for tests that need one of each role. */
export async function createUser(
  t: TestApp,
  role: Role,
  facilityIds: string[] = [],
  email?: string,
): Promise<string> {
  const users = t.app.get(UsersService);
  const u = await users.create(
    {
      email:
        email ?? `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@test.radfleet`,
      name: `Test ${role}`,
      role,
      facilityIds,
      password: TEST_PASSWORD,
    },
    { audit: false },
  );
  return u.email;
}

export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Account> {
  const res = await request(t.server).post('/api/auth/login').send({ email, password }).expect(200);
  const body = res.body as LoginResponse;
  return {
    id: body.user.id,
    email,
    role: body.user.role,
    token: body.accessToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

export async function signInAs(
  t: TestApp,
  role: Role,
  facilityIds: string[] = [],
): Promise<Account> {
  return login(t, await createUser(t, role, facilityIds));
}

let facilitySeq = 0;
export async function createFacility(
  t: TestApp,
  admin: Account,
  overrides: Partial<Record<string, string>> = {},
): Promise<FacilityResponse> {
  facilitySeq++;
  const res = await request(t.server)
    .post('/api/facilities')
    .set(admin.auth)
    .send({
      code: `T-${process.pid}-${facilitySeq}-${Math.random().toString(36).slice(2, 6)}`,
      name: `Городская поликлиника № ${facilitySeq}`,
      shortName: `ГП ${facilitySeq}`,
      type: FacilityType.OUTPATIENT_CLINIC,
      district: District.CAO,
      address: 'ул. Тестовая, 1',
      ...overrides,
    })
    .expect(201);
  return res.body as FacilityResponse;
}

let deviceSeq = 0;
/** A valid device body for a facility; inventory numbers are unique per call. */
export function deviceBody(
  facilityId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  deviceSeq++;
  return {
    inventoryNumber: `INV-T-${process.pid}-${deviceSeq}-${Math.random().toString(36).slice(2, 6)}`,
    serialNumber: `SN${deviceSeq}`,
    manufacturer: 'Siemens Healthineers',
    model: 'SOMATOM go.Up',
    modality: 'CT',
    technology: 'DIGITAL',
    archiveConnected: true,
    facilityId,
    yearOfManufacture: 2019,
    commissioningDate: '2020-02-15',
    purchasePrice: '65000000.00',
    ...overrides,
  };
}

export async function createDevice(
  t: TestApp,
  account: Account,
  facilityId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; inventoryNumber: string }> {
  const res = await request(t.server)
    .post('/api/devices')
    .set(account.auth)
    .send(deviceBody(facilityId, overrides));
  if (res.status !== 201)
    throw new Error(`device not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; inventoryNumber: string };
}
