import { Injectable } from '@nestjs/common';
import { Technology, type Modality, type ScenarioInputs } from '@radfleet/shared';
import { cityToday } from '../common/calendar.js';
import { DemandService } from '../planning/index.js';
import { PlanningReferenceService } from '../planning/index.js';
import { PrioritiesService, type ScoredDevice } from '../planning/index.js';
import type { FleetDevice, ModalityCapacity, ScenarioProblem } from './scenario-model.js';

/** The installed fleet scored under the scenario's weights, and the problem the solver reads. */
export interface LoadedProblem {
  problem: ScenarioProblem;
  scored: ScoredDevice[];
}

const yearOf = (d: string | null) => (d === null ? null : Number(d.slice(0, 4)));

/**
 * Reads what a run needs from planning's public services: every installed device with its score
 * (the scenario's weights, else the default), adjusted life and today's price; the escalation; and
 * per modality the forecast demand, one device's yearly throughput and a new device's price.
 */
@Injectable()
export class ScenarioFleetService {
  constructor(
    private readonly priorities: PrioritiesService,
    private readonly reference: PlanningReferenceService,
    private readonly demand: DemandService,
  ) {}

  async load(inputs: ScenarioInputs, today = cityToday()): Promise<LoadedProblem> {
    const [scored, prices] = await Promise.all([
      this.priorities.score({}, inputs.weights ?? undefined, today),
      this.reference.prices(undefined, today),
    ]);
    const thisYear = Number(today.slice(0, 4));
    const lastYear = inputs.startYear + inputs.horizonYears - 1;
    const years = Math.min(10, Math.max(1, lastYear - thisYear));
    const demand = await this.demand.demand({ years }, today);
    const devices: FleetDevice[] = scored.map(({ item, row }) => ({
      id: item.deviceId,
      modality: item.modality,
      district: item.district,
      analogue: item.technology === Technology.ANALOGUE,
      score: item.score,
      price: item.replacementPrice === null ? null : Number(item.replacementPrice),
      eolYear: yearOf(item.endOfLifeDate),
      serviceStartYear: yearOf(row.commissioning_date) ?? row.year_of_manufacture,
    }));
    const priceOf = new Map(prices.today.map((p) => [p.modality, p.price]));
    const capacity: ModalityCapacity[] = demand.modalities.map((m) => {
      const known = new Map(m.years.map((y) => [y.year, y.forecastStudies]));
      const first = m.years[0];
      const lastKnown = m.years[m.years.length - 1];
      const byYear: Record<number, number> = {};
      for (let y = inputs.startYear; y <= lastYear; y++) {
        // Beyond the forecast the last forecast year holds; before it, the first.
        byYear[y] =
          known.get(y) ??
          (lastKnown && y > lastKnown.year
            ? lastKnown.forecastStudies
            : (first?.forecastStudies ?? 0));
      }
      const p = priceOf.get(m.modality as Modality) ?? null;
      return {
        modality: m.modality,
        perDevice: m.capacityPerDevicePerYear,
        demand: byYear,
        price: p === null ? null : Number(p),
      };
    });
    return {
      scored,
      problem: {
        startYear: inputs.startYear,
        horizonYears: inputs.horizonYears,
        caps: inputs.caps.map(Number),
        carryOver: inputs.carryOver,
        escalationPct: inputs.escalationPct ?? prices.escalationPct,
        priceYear: thisYear,
        targets: inputs.targets,
        pins: inputs.pins,
        exclusions: inputs.exclusions,
        removals: inputs.removals,
        devices,
        capacity,
      },
    };
  }
}
