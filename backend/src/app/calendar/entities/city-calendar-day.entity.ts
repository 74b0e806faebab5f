import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One day of the city's production calendar, as SQL sees it. Filled at every start from the one
 * definition in `shared/src/calendar/city-calendar.ts` (CalendarService), never edited by hand.
 */
@Entity({ name: 'city_calendar_day' })
export class CityCalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** A working day of the five-day week (public holidays and transferred days off are not). */
  @Column({ type: 'boolean' })
  working!: boolean;
}
