import { Injectable } from '@nestjs/common';
import {
  AgeProfileGroupBy,
  type AgeProfileHistoryResponse,
  type AgeProfileResponse,
  type AgeProfileRow,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { cityToday } from '../common/calendar.js';
import { ageYearsSql, installedOnSql, serviceStartSql } from '../devices/fleet-figures.sql.js';
import { cocirRow } from './planning-rules.js';

const GROUP: Record<AgeProfileGroupBy, { key: string; label: string }> = {
  [AgeProfileGroupBy.MODALITY]: { key: 'd.modality', label: 'd.modality' },
  [AgeProfileGroupBy.DISTRICT]: { key: 'f.district', label: 'f.district' },
  [AgeProfileGroupBy.FACILITY]: { key: 'f.id::text', label: 'f.name' },
};

interface CountRow {
  day: string;
  key: string;
  label: string;
  up_to5: number;
  from6to10: number;
  over10: number;
}

/**
 * The installed base's age profile against COCIR's golden rules, by modality, district or
 * facility, on any day — over the installed base and ages of fleet-figures.sql.ts (whole years:
 * 0–5, 6–10, more than 10), counted by PostgreSQL. City-wide for every role.
 */
@Injectable()
export class AgeProfileService {
  constructor(private readonly dataSource: DataSource) {}

  private countsSql(by: AgeProfileGroupBy, days: string): string {
    const g = GROUP[by];
    const age = ageYearsSql('d', 'g.day');
    return `SELECT g.day::text AS day, ${g.key} AS key, min(${g.label}) AS label,
                   count(*) FILTER (WHERE ${age} <= 5)::int AS up_to5,
                   count(*) FILTER (WHERE ${age} BETWEEN 6 AND 10)::int AS from6to10,
                   count(*) FILTER (WHERE ${age} > 10)::int AS over10
              FROM (${days}) g(day)
              JOIN devices d ON ${installedOnSql('d', 'g.day')}
              JOIN facilities f ON f.id = d.facility_id
             GROUP BY g.day, ${g.key}
             ORDER BY g.day, 3`;
  }

  async profile(by = AgeProfileGroupBy.MODALITY, date = cityToday()): Promise<AgeProfileResponse> {
    const rows: CountRow[] = await this.dataSource.query(this.countsSql(by, 'SELECT $1::date'), [
      date,
    ]);
    return { date, groupBy: by, ...summarise(rows) };
  }

  /** One profile on 1 January of every year since the oldest service start, and one today. */
  async history(
    by = AgeProfileGroupBy.MODALITY,
    today = cityToday(),
  ): Promise<AgeProfileHistoryResponse> {
    const days = `SELECT make_date(y, 1, 1) FROM generate_series(
                    (SELECT extract(year FROM min(${serviceStartSql('d')}))::int + 1 FROM devices d WHERE d.status <> 'PLANNED'),
                    extract(year FROM $1::date)::int) y
                  WHERE make_date(y, 1, 1) < $1::date
                  UNION ALL SELECT $1::date`;
    const rows: CountRow[] = await this.dataSource.query(this.countsSql(by, days), [today]);
    const byDay = new Map<string, CountRow[]>();
    for (const r of rows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
    return {
      groupBy: by,
      years: [...byDay.entries()].map(([date, rs]) => ({ date, ...summarise(rs) })),
    };
  }
}

function summarise(rows: CountRow[]): { rows: AgeProfileRow[]; total: AgeProfileRow } {
  const t = { a: 0, b: 0, c: 0 };
  const out = rows.map((r) => {
    t.a += r.up_to5;
    t.b += r.from6to10;
    t.c += r.over10;
    return cocirRow(r.key, r.label, r.up_to5, r.from6to10, r.over10);
  });
  return { rows: out, total: cocirRow('ALL', 'ALL', t.a, t.b, t.c) };
}
