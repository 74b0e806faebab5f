import { ContractType } from '@radfleet/shared';
import { ageReferenceDaySql, serviceStartSql } from '../devices/fleet-figures.sql.js';

/**
 * The SQL twins of shared/src/contracts/cost-rules.ts: the cost-of-ownership definitions for
 * queries that aggregate in the database (the device page, and the planning's replacement score).
 * Tested against the TypeScript definitions in test/service-events-cost.integration-spec.ts.
 */

/** A service event's cost is already included in its contract: the work fell under a SERVICE or LIFECYCLE contract (`c`, NULL when none). */
export const eventCoveredSql = (c: string): string =>
  `(${c}.id IS NOT NULL AND ${c}.type <> '${ContractType.SUPPLY}')`;

/**
 * The share (0–1) of contract line `cd` (device `d`) in its contract's payments: by the per-device
 * service fees when the contract gives one for every device, else by purchase prices when every
 * device has one, else equal (`allocationShares`).
 */
export const allocationShareSql = (cd: string, d: string): string => `(
  SELECT CASE WHEN bool_and(coalesce(x.service_fee, 0) > 0) THEN ${cd}.service_fee / sum(x.service_fee)
              WHEN bool_and(coalesce(xd.purchase_price, 0) > 0) THEN ${d}.purchase_price / sum(xd.purchase_price)
              ELSE 1.0 / count(*) END
    FROM contract_devices x JOIN devices xd ON xd.id = x.device_id
   WHERE x.contract_id = ${cd}.contract_id)`;

/** Years in service to `today` (or decommissioning), pro rata by days ÷ 365.25; NULL when the start is unknown. */
export const yearsInServiceSql = (d: string, today: string): string =>
  `(greatest(0, ${ageReferenceDaySql(d, today)} - ${serviceStartSql(d)}) / 365.25)`;

/**
 * Service cost so far of device `d`: its shares of the paid milestones of SERVICE contracts, its
 * shares of LIFECYCLE contracts beyond its purchase price (the supply part), and the costs of
 * service events no contract includes.
 */
export const serviceCostSql = (d: string): string => `(
  coalesce((SELECT sum(m.amount * ${allocationShareSql('cd', d)})
              FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
              JOIN payment_milestones m ON m.contract_id = c.id AND m.paid_on IS NOT NULL
             WHERE cd.device_id = ${d}.id AND c.type = '${ContractType.SERVICE}'), 0)
  + coalesce((SELECT greatest(0, sum(m.amount * ${allocationShareSql('cd', d)}) - coalesce(${d}.purchase_price, 0))
                FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
                JOIN payment_milestones m ON m.contract_id = c.id AND m.paid_on IS NOT NULL
               WHERE cd.device_id = ${d}.id AND c.type = '${ContractType.LIFECYCLE}'), 0)
  + coalesce((SELECT sum(e.cost) FROM service_events e LEFT JOIN contracts c ON c.id = e.contract_id
               WHERE e.device_id = ${d}.id AND NOT ${eventCoveredSql('c')}), 0))`;

/** Yearly service cost: service cost ÷ the years in service, at least one. */
export const yearlyServiceCostSql = (d: string, today: string): string =>
  `(${serviceCostSql(d)} / greatest(1, coalesce(${yearsInServiceSql(d, today)}, 1)))`;

/**
 * The service-cost ratio (`serviceCostRatio`): yearly service cost ÷ the replacement price (an SQL
 * expression; for now the device's purchase price). NULL when the price is unknown or 0.
 */
export const serviceCostRatioSql = (yearlyServiceCost: string, replacementPrice: string): string =>
  `(${yearlyServiceCost} / nullif(${replacementPrice}, 0))`;

/**
 * `yearlyServiceCostSql` for every device at once (the same definition, set-based, for queries over
 * the whole fleet such as planning's replacement score): a SELECT of `device_id, service_cost`,
 * with each contract's allocation and paid total computed once instead of once per device and
 * milestone. Devices without contracts or events have no row (their cost is 0). Tested against
 * `yearlyServiceCostSql` device by device in test/planning-demo.integration-spec.ts.
 */
export const yearlyServiceCostByDeviceSql = (today: string): string => `
  WITH alloc AS (
         SELECT x.contract_id,
                bool_and(coalesce(x.service_fee, 0) > 0) AS by_fee, sum(x.service_fee) AS fees,
                bool_and(coalesce(xd.purchase_price, 0) > 0) AS by_price, sum(xd.purchase_price) AS prices,
                count(*) AS n
           FROM contract_devices x JOIN devices xd ON xd.id = x.device_id
          GROUP BY x.contract_id),
       paid AS (
         SELECT m.contract_id, sum(m.amount) AS amount
           FROM payment_milestones m WHERE m.paid_on IS NOT NULL GROUP BY m.contract_id),
       shares AS (
         SELECT cd.device_id, c.type,
                sum(p.amount * CASE WHEN a.by_fee THEN cd.service_fee / a.fees
                                    WHEN a.by_price THEN d.purchase_price / a.prices
                                    ELSE 1.0 / a.n END) AS amount
           FROM contract_devices cd
           JOIN contracts c ON c.id = cd.contract_id
           JOIN devices d ON d.id = cd.device_id
           JOIN alloc a ON a.contract_id = cd.contract_id
           JOIN paid p ON p.contract_id = cd.contract_id
          WHERE c.type IN ('${ContractType.SERVICE}', '${ContractType.LIFECYCLE}')
          GROUP BY cd.device_id, c.type),
       events AS (
         SELECT e.device_id, sum(e.cost) AS amount
           FROM service_events e LEFT JOIN contracts c ON c.id = e.contract_id
          WHERE NOT ${eventCoveredSql('c')}
          GROUP BY e.device_id),
       ids AS (SELECT device_id FROM shares UNION SELECT device_id FROM events)
  SELECT d.id AS device_id,
         ((coalesce(sv.amount, 0)
           + coalesce(greatest(0, lc.amount - coalesce(d.purchase_price, 0)), 0)
           + coalesce(ev.amount, 0))
          / greatest(1, coalesce(${yearsInServiceSql('d', today)}, 1))) AS service_cost
    FROM ids
    JOIN devices d ON d.id = ids.device_id
    LEFT JOIN shares sv ON sv.device_id = d.id AND sv.type = '${ContractType.SERVICE}'
    LEFT JOIN shares lc ON lc.device_id = d.id AND lc.type = '${ContractType.LIFECYCLE}'
    LEFT JOIN events ev ON ev.device_id = d.id`;
