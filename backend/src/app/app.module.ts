import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter.js';
import { ImportsModule } from './imports/imports.module.js';
import { AppConfig } from './config/app.config.js';
import { dataSourceOptions } from './database/database.options.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { HealthModule } from './health/health.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { FacilitiesModule } from './facilities/facilities.module.js';
import { UsersModule } from './users/users.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { ModalitiesModule } from './modalities/modalities.module.js';
import { UtilisationModule } from './utilisation/utilisation.module.js';
import { ArchivesModule } from './archives/archives.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { ServiceEventsModule } from './service-events/service-events.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { HomeModule } from './home/home.module.js';
import { ReportsModule } from './reports/reports.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config), migrationsRun: true }),
        ScheduleModule.forRoot(),
        CalendarModule,
        HealthModule,
        ImportsModule,
        AuditModule,
        AuthModule,
        FacilitiesModule,
        UsersModule,
        AlertsModule,
        ModalitiesModule,
        DevicesModule,
        UtilisationModule,
        ArchivesModule,
        SuppliersModule,
        ContractsModule,
        ServiceEventsModule,
        PlanningModule,
        ScenariosModule,
        DashboardModule,
        HomeModule,
        ReportsModule,
        DemoModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [AppConfig],
      global: true,
    };
  }
}
