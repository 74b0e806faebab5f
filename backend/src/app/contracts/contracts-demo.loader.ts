import { DeviceStatus, ServiceEventType, SlaVerdictScope } from '@radfleet/shared';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../common/bulk-insert.js';
import type { DemoCity } from '../demo/generator/types.js';

/**
 * Loads the demo city's suppliers, contracts (with covered devices and payment milestones) and
 * service events, in the demo loader's transaction, with one bulk insert per table and chunk.
 * Covered devices are serviced for the whole contract (their SLA coverage still starts at
 * commissioning); SLA terms carry their basis and measurement period and are judged per device;
 * every open breakdown interrupted an IN_SERVICE device.
 */
export async function loadDemoContracts(
  em: EntityManager,
  city: DemoCity,
  deviceIds: Map<string, string>,
): Promise<void> {
  const supplierRows = await bulkInsert(
    em,
    'suppliers',
    [
      { name: 'name', type: 'varchar[]', value: (s) => s.name },
      { name: 'inn', type: 'varchar[]', value: (s) => s.inn },
      { name: 'kpp', type: 'varchar[]', value: (s) => s.kpp },
      { name: 'address', type: 'varchar[]', value: (s) => s.address },
      { name: 'contact_person', type: 'varchar[]', value: (s) => s.contactPerson },
      { name: 'phone', type: 'varchar[]', value: (s) => s.phone },
      { name: 'email', type: 'varchar[]', value: (s) => s.email },
      { name: 'version', type: 'int[]', value: () => 1 },
    ],
    city.suppliers,
    { returning: 'id, inn' },
  );
  const supplierByInn = new Map(supplierRows.map((r) => [String(r.inn), String(r.id)]));
  const supplierIds = new Map(city.suppliers.map((s) => [s.code, supplierByInn.get(s.inn)!]));

  const contractRows = await bulkInsert(
    em,
    'contracts',
    [
      { name: 'number', type: 'varchar[]', value: (c) => c.number },
      { name: 'type', type: 'varchar[]', value: (c) => c.type },
      { name: 'supplier_id', type: 'uuid[]', value: (c) => supplierIds.get(c.supplierCode)! },
      { name: 'subject', type: 'text[]', value: (c) => c.subject },
      { name: 'signed_on', type: 'date[]', value: (c) => c.signedOn },
      { name: 'start_date', type: 'date[]', value: (c) => c.startDate },
      { name: 'end_date', type: 'date[]', value: (c) => c.endDate },
      { name: 'value', type: 'numeric[]', value: (c) => c.value },
      {
        name: 'sla_uptime_percent',
        type: 'numeric[]',
        value: (c) => c.sla?.guaranteedUptimePercent ?? null,
      },
      {
        name: 'sla_basis',
        type: 'varchar[]',
        value: (c) => c.sla?.basis ?? null,
      },
      { name: 'sla_response_hours', type: 'int[]', value: (c) => c.sla?.responseHours ?? null },
      { name: 'sla_repair_days', type: 'int[]', value: (c) => c.sla?.repairDays ?? null },
      {
        name: 'sla_penalty_per_day',
        type: 'numeric[]',
        value: (c) => c.sla?.penaltyPerDay ?? null,
      },
      {
        name: 'sla_measurement_period',
        type: 'varchar[]',
        value: (c) => c.sla?.measurementPeriod ?? null,
      },
      {
        name: 'sla_verdict_scope',
        type: 'varchar[]',
        value: (c) => (c.sla ? SlaVerdictScope.PER_DEVICE : null),
      },
      { name: 'version', type: 'int[]', value: () => 1 },
    ],
    city.contracts,
    { returning: 'id, number' },
  );
  const byNumber = new Map(contractRows.map((r) => [String(r.number), String(r.id)]));
  const contractIds = new Map(city.contracts.map((c) => [c.code, byNumber.get(c.number)!]));
  const contractByCode = new Map(city.contracts.map((c) => [c.code, c]));

  await bulkInsert(
    em,
    'contract_devices',
    [
      { name: 'contract_id', type: 'uuid[]', value: (d) => contractIds.get(d.contractCode)! },
      { name: 'device_id', type: 'uuid[]', value: (d) => deviceIds.get(d.inventoryNumber)! },
      {
        name: 'service_from',
        type: 'date[]',
        value: (d) => contractByCode.get(d.contractCode)!.startDate,
      },
      {
        name: 'service_to',
        type: 'date[]',
        value: (d) => contractByCode.get(d.contractCode)!.endDate,
      },
      { name: 'service_fee', type: 'numeric[]', value: (d) => d.serviceFee },
    ],
    city.contractDevices,
  );

  await bulkInsert(
    em,
    'payment_milestones',
    [
      { name: 'contract_id', type: 'uuid[]', value: (m) => contractIds.get(m.contractCode)! },
      { name: 'sequence', type: 'int[]', value: (m) => m.sequence },
      { name: 'description', type: 'varchar[]', value: (m) => m.description },
      { name: 'due_date', type: 'date[]', value: (m) => m.dueDate },
      { name: 'amount', type: 'numeric[]', value: (m) => m.amount },
      { name: 'paid_on', type: 'date[]', value: (m) => m.paidOn },
    ],
    city.paymentMilestones,
  );

  await bulkInsert(
    em,
    'service_events',
    [
      { name: 'device_id', type: 'uuid[]', value: (e) => deviceIds.get(e.inventoryNumber)! },
      { name: 'type', type: 'varchar[]', value: (e) => e.type },
      { name: 'reported_at', type: 'timestamptz[]', value: (e) => e.reportedAt },
      { name: 'started_at', type: 'timestamptz[]', value: (e) => e.startedAt },
      { name: 'resolved_at', type: 'timestamptz[]', value: (e) => e.resolvedAt },
      { name: 'description', type: 'text[]', value: (e) => e.description },
      { name: 'cost', type: 'numeric[]', value: (e) => e.cost },
      {
        name: 'contract_id',
        type: 'uuid[]',
        value: (e) => (e.contractCode ? contractIds.get(e.contractCode)! : null),
      },
      {
        name: 'interrupted_status',
        type: 'varchar[]',
        value: (e) =>
          e.type === ServiceEventType.BREAKDOWN && e.resolvedAt === null
            ? DeviceStatus.IN_SERVICE
            : null,
      },
      { name: 'version', type: 'int[]', value: () => 1 },
    ],
    city.serviceEvents,
  );
}
