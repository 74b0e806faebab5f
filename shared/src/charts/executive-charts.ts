import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { DISTRICT_NAMES, type District } from '../facilities/district.js';
import { Modality } from '../devices/device.enums.js';
import {
  AGE_PROFILE_MAX_YEARS,
  COCIR_LINES,
  type ExecutiveDashboardResponse,
} from '../dashboard/dashboard.js';

/**
 * The executive charts as chart.js 4 configurations, built from the dashboard's data: the one
 * definition the Angular page draws and the server renders into the report pack's PNGs
 * (chart.js on @napi-rs/canvas), so that both show the same chart. Framework-free: the inline
 * plugins draw with the canvas 2D API only.
 */
export type ChartLang = 'ru' | 'en';

const TEXT = {
  ru: {
    ageProfile: 'Возрастной профиль парка по модальностям',
    ageYears: 'Возраст, полных лет',
    devices: 'Устройств',
    cocir5: 'COCIR: ≥ 60 % до 5 лет',
    cocir10: 'COCIR: ≤ 10 % старше 10 лет',
    digitalShare: 'Доля цифровых устройств по месяцам, %',
    share: 'Доля цифровых, %',
    heatMap: 'Загрузка по округам и модальностям за 12 месяцев, %',
    studies: 'Исследования по месяцам',
    previousYear: 'Предыдущий год',
    noData: 'нет данных',
    months: ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
  en: {
    ageProfile: 'Age profile of the fleet by modality',
    ageYears: 'Age, whole years',
    devices: 'Devices',
    cocir5: 'COCIR: ≥ 60 % up to 5 years',
    cocir10: 'COCIR: ≤ 10 % over 10 years',
    digitalShare: 'Digital share by month, %',
    share: 'Digital share, %',
    heatMap: 'Utilisation by district and modality over 12 months, %',
    studies: 'Studies by month',
    previousYear: 'Previous year',
    noData: 'no data',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
} as const;

/** Modality names as the app shows them. */
export const MODALITY_LABELS: Readonly<Record<Modality, { ru: string; en: string }>> = {
  [Modality.CT]: { ru: 'КТ', en: 'CT' },
  [Modality.MRI]: { ru: 'МРТ', en: 'MRI' },
  [Modality.MAMMOGRAPHY]: { ru: 'Маммография', en: 'Mammography' },
  [Modality.RADIOGRAPHY]: { ru: 'Рентгенография', en: 'Radiography' },
  [Modality.FLUOROGRAPHY]: { ru: 'Флюорография', en: 'Fluorography' },
  [Modality.ANGIOGRAPHY]: { ru: 'Ангиография', en: 'Angiography' },
  [Modality.DENSITOMETRY]: { ru: 'Денситометрия', en: 'Densitometry' },
};

/** One colour per modality, the same on every chart (colour-blind-safe Okabe–Ito palette). */
export const MODALITY_COLOURS: Readonly<Record<Modality, string>> = {
  [Modality.CT]: '#0072B2',
  [Modality.MRI]: '#E69F00',
  [Modality.MAMMOGRAPHY]: '#CC79A7',
  [Modality.RADIOGRAPHY]: '#009E73',
  [Modality.FLUOROGRAPHY]: '#56B4E9',
  [Modality.ANGIOGRAPHY]: '#D55E00',
  [Modality.DENSITOMETRY]: '#999999',
};

/** The title of each chart, for the page's headings and the pack's sheets. */
export function chartTitle(
  chart: 'ageProfile' | 'digitalShare' | 'heatMap' | 'studies',
  lang: ChartLang,
): string {
  return TEXT[lang][chart];
}

/**
 * The colour of a utilisation % on the heat map: grey without data, red under 30 % (under-used),
 * amber under 60 %, green up to 100 %, blue above (over-used).
 */
export function heatColour(pct: number | null): string {
  if (pct === null) return '#E0E0E0';
  if (pct < 30) return '#E57373';
  if (pct < 60) return '#FFD54F';
  if (pct <= 100) return '#81C784';
  return '#64B5F6';
}

const base = (title: string) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  plugins: { title: { display: true, text: title }, legend: { position: 'bottom' as const } },
});

/** Dashed vertical lines between age classes 5|6 and 10|11 with COCIR's rules beside them. */
function cocirLines(lang: ChartLang): Plugin<'bar'> {
  return {
    id: 'rfCocirLines',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const x = chart.scales['x'];
      const area = chart.chartArea;
      if (!x || !area) return;
      const ctx = chart.ctx;
      const labels = [TEXT[lang].cocir5, TEXT[lang].cocir10];
      COCIR_LINES.forEach((age, i) => {
        const at = (x.getPixelForValue(age) + x.getPixelForValue(age + 1)) / 2;
        ctx.save();
        ctx.strokeStyle = '#B71C1C';
        ctx.setLineDash([6, 4]);
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#B71C1C';
        ctx.font = '12px sans-serif';
        ctx.fillText(labels[i]!, at + 4, area.top + 14 + 16 * i);
        ctx.restore();
      });
    },
  };
}

/** Installed devices by whole years of age (the last class: 20 or more), stacked by modality. */
export function ageProfileChart(
  d: Pick<ExecutiveDashboardResponse, 'ageProfile'>,
  lang: ChartLang,
): ChartConfiguration<'bar'> {
  const t = TEXT[lang];
  const labels = Array.from({ length: AGE_PROFILE_MAX_YEARS + 1 }, (_, i) =>
    i === AGE_PROFILE_MAX_YEARS ? `${i}+` : String(i),
  );
  return {
    type: 'bar',
    data: {
      labels,
      datasets: d.ageProfile.map((a) => ({
        label: MODALITY_LABELS[a.modality][lang],
        data: a.byAge,
        backgroundColor: MODALITY_COLOURS[a.modality],
        stack: 'age',
      })),
    },
    options: {
      ...base(t.ageProfile),
      scales: {
        x: { stacked: true, title: { display: true, text: t.ageYears } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: t.devices } },
      },
    },
    plugins: [cocirLines(lang)],
  };
}

/** The digital share of the installed base at the end of each month over three years. */
export function digitalShareChart(
  d: Pick<ExecutiveDashboardResponse, 'digitalShareByMonth'>,
  lang: ChartLang,
): ChartConfiguration<'line'> {
  const t = TEXT[lang];
  return {
    type: 'line',
    data: {
      labels: d.digitalShareByMonth.map((p) => p.date.slice(0, 7)),
      datasets: [
        {
          label: t.share,
          data: d.digitalShareByMonth.map((p) => p.digitalSharePct),
          borderColor: '#0072B2',
          backgroundColor: '#0072B2',
          pointRadius: 2,
          spanGaps: false,
        },
      ],
    },
    options: {
      ...base(t.digitalShare),
      scales: { y: { suggestedMin: 0, suggestedMax: 100, title: { display: true, text: '%' } } },
    },
  };
}

/** A point of the heat map: a district (x), a modality (y) and its utilisation %. */
interface HeatPoint {
  x: string;
  y: string;
  pct: number | null;
}

/** Each cell's % written in the middle of its square. */
const heatLabels = (noData: string): Plugin<'scatter'> => ({
  id: 'rfHeatLabels',
  afterDatasetsDraw(chart: Chart<'scatter'>) {
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]?.data as unknown as HeatPoint[] | undefined;
    if (!data) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = '#212121';
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    meta.data.forEach((el, i) => {
      const p = data[i];
      if (!p) return;
      ctx.fillText(p.pct === null ? noData : `${Math.round(p.pct)}`, el.x, el.y);
    });
    ctx.restore();
  },
});

/** Utilisation % over 12 months as a grid of districts × modalities, coloured by `heatColour`. */
export function utilisationHeatChart(
  d: Pick<ExecutiveDashboardResponse, 'heatMap'>,
  lang: ChartLang,
): ChartConfiguration<'scatter'> {
  const t = TEXT[lang];
  const districts = [...new Set(d.heatMap.map((c) => c.district))];
  const modalities = Object.values(Modality).filter((m) => d.heatMap.some((c) => c.modality === m));
  const dName = (x: District) => DISTRICT_NAMES[x]?.[lang] ?? x;
  const points: HeatPoint[] = d.heatMap.map((c) => ({
    x: dName(c.district),
    y: MODALITY_LABELS[c.modality][lang],
    pct: c.utilisationPct,
  }));
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: t.heatMap,
          data: points as unknown as { x: number; y: number }[],
          pointStyle: 'rect',
          pointRadius: 16,
          pointHoverRadius: 16,
          backgroundColor: points.map((p) => heatColour(p.pct)),
          borderColor: '#FFFFFF',
        },
      ],
    },
    options: {
      ...base(t.heatMap),
      plugins: { ...base(t.heatMap).plugins, legend: { display: false } },
      scales: {
        x: {
          type: 'category',
          labels: districts.map(dName),
          offset: true,
          grid: { display: false },
        },
        y: {
          type: 'category',
          labels: modalities.map((m) => MODALITY_LABELS[m][lang]),
          offset: true,
          grid: { display: false },
        },
      },
    },
    plugins: [heatLabels(t.noData)],
  };
}

/** Studies per month of this year as bars, the previous year's as a line over them. */
export function monthlyStudiesChart(
  d: Pick<ExecutiveDashboardResponse, 'studiesByMonth'>,
  lang: ChartLang,
): ChartConfiguration<'bar' | 'line'> {
  const t = TEXT[lang];
  const s = d.studiesByMonth;
  return {
    type: 'bar',
    data: {
      labels: [...t.months],
      datasets: [
        {
          type: 'bar',
          label: String(s.year),
          data: s.months.map((m) => m.studies),
          backgroundColor: '#0072B2',
          order: 2,
        },
        {
          type: 'line',
          label: `${t.previousYear} (${s.previousYear})`,
          data: s.months.map((m) => m.previousYearStudies),
          borderColor: '#E69F00',
          backgroundColor: '#E69F00',
          order: 1,
        },
      ],
    },
    options: {
      ...base(t.studies),
      scales: { y: { beginAtZero: true } },
    },
  };
}
