import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';

/** The city's production calendar in the database, for SQL that counts working days. */
@Module({ providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
