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
