import { innControlDigits } from '@radfleet/shared';
import request from 'supertest';
import type { Account } from './accounts.js';
import type { TestApp } from './test-app.js';

/** A valid, random organisation INN (10 digits with its control digit). */
export function organisationInn(): string {
  const prefix = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
  return prefix + innControlDigits(prefix);
}

/** A valid, random sole-trader INN (12 digits with its two control digits). */
export function soleTraderInn(): string {
  const prefix = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
  return prefix + innControlDigits(prefix);
}

export async function createSupplier(
  t: TestApp,
  account: Account,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; inn: string }> {
  const res = await request(t.server)
    .post('/api/suppliers')
    .set(account.auth)
    .send({ name: 'ООО «МедТехСервис»', inn: organisationInn(), kpp: '773601001', ...overrides });
  if (res.status !== 201)
    throw new Error(`supplier not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; inn: string };
}

let contractSeq = 0;
export function contractBody(
  supplierId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  contractSeq++;
  return {
    number: `T-${process.pid}-${contractSeq}-${Math.random().toString(36).slice(2, 6)}`,
    type: 'SERVICE',
    supplierId,
    subject: 'Техническое обслуживание компьютерных томографов',
    signedOn: '2025-01-10',
    startDate: '2025-01-15',
    endDate: '2025-12-31',
    value: '1200000.00',
    ...overrides,
  };
}

export async function createContract(
  t: TestApp,
  account: Account,
  supplierId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; number: string; status: string }> {
  const res = await request(t.server)
    .post('/api/contracts')
    .set(account.auth)
    .send(contractBody(supplierId, overrides));
  if (res.status !== 201)
    throw new Error(`contract not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; number: string; status: string };
}

/** Today in the city (Moscow), shifted by whole days. */
export function cityDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
