import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { APP_VERSION } from '../version.js';

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<HealthResponse> {
    const database = (await this.databaseUp()) ? 'up' : 'down';
    return { status: database === 'up' ? 'ok' : 'error', database, version: APP_VERSION };
  }

  private async databaseUp(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), 2_000);
      });
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
