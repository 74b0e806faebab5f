/**
 * The definitions of the fleet figures, in English and Russian, as the README's "Glossary" states
 * them (the English text appears there word for word, checked by backend/src/app/devices/fleet-glossary.spec.ts). The UI's
 * tooltips show these texts, so that a figure means on screen what the glossary says it means.
 */
export const FLEET_GLOSSARY = {
  installedBase: {
    en: 'Installed base on a date: the devices commissioned on or before that date and not decommissioned by it. Planned devices never count; decommissioned ones count only before their decommissioning date.',
    ru: 'Установленный парк на дату: устройства, введённые в эксплуатацию не позднее этой даты и не списанные к ней. Планируемые не учитываются никогда, списанные — только до даты списания.',
  },
  deviceCount: {
    en: 'Devices: the installed base today (planned and decommissioned devices are not counted).',
    ru: 'Устройств: установленный парк на сегодня (планируемые и списанные не учитываются).',
  },
  digitalShare: {
    en: 'Digital share: digital devices ÷ all devices of the installed base today, in %.',
    ru: 'Доля цифровых: цифровые устройства ÷ все устройства установленного парка на сегодня, в %.',
  },
  serviceStart: {
    en: 'Service start: the commissioning date; when it is unknown, 1 July of the year of manufacture.',
    ru: 'Начало эксплуатации: дата ввода в эксплуатацию; если она неизвестна — 1 июля года выпуска.',
  },
  age: {
    en: "Age: whole years from the service start to today; a decommissioned device's age stops at its decommissioning date.",
    ru: 'Возраст: полных лет от начала эксплуатации до сегодня; возраст списанного устройства считается до даты списания.',
  },
  serviceLife: {
    en: "Service life in force: the device's own service life when set; otherwise its life by use, the life band its studies of the 12 complete months before this one fall in (annualised when it was in service for part of them, at least 30 days; bands from planning's reference data); otherwise its modality's default. Planning calls it the adjusted life.",
    ru: 'Действующий срок службы: собственный срок службы устройства, если задан; иначе срок по использованию — полоса, в которую попадает число его исследований за 12 полных месяцев до текущего (в пересчёте на год, если устройство работало часть этого времени, не меньше 30 дней; полосы — справочник планирования); иначе срок по модальности. В планировании он называется скорректированным сроком службы.',
  },
  endOfLife: {
    en: 'End of life: the service start plus the service life in force.',
    ru: 'Окончание срока службы: начало эксплуатации плюс действующий срок службы.',
  },
  pastLife: {
    en: 'Past life: today is after the end-of-life date (by the service life in force, the same date the registry, the device page and the replacement priorities show). Only installed devices are listed as overdue.',
    ru: 'Срок службы истёк: сегодня позже даты окончания срока службы (по действующему сроку службы — та же дата, что в реестре, в карточке устройства и в приоритетах замены). Просроченными считаются только устройства установленного парка.',
  },
  remainingLife: {
    en: 'Remaining life: whole years and months from today to the end-of-life date; negative once it has passed.',
    ru: 'Остаток срока службы: полных лет и месяцев от сегодня до окончания срока службы; после него — со знаком минус.',
  },
  today: {
    en: "Today: the date in the city's time zone (CITY_TIME_ZONE, Europe/Moscow by default), whatever the zone of the server or the database.",
    ru: 'Сегодня: дата в часовом поясе города (CITY_TIME_ZONE, по умолчанию Europe/Moscow), независимо от пояса сервера и базы данных.',
  },
  noData: {
    en: 'No data: the figure cannot be computed, because a date it needs is unknown or there is nothing to count.',
    ru: 'Нет данных: показатель не вычислить — неизвестна нужная дата или нечего считать.',
  },
} as const satisfies Record<string, { en: string; ru: string }>;

export type FleetGlossaryTerm = keyof typeof FLEET_GLOSSARY;
