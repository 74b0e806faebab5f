import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

Chart.register(...registerables);
// DejaVu Sans has Cyrillic; Debian installs it with LibreOffice and most desktops.
Chart.defaults.font.family = "'DejaVu Sans', sans-serif";

/** A white page under the chart: a PNG's transparent background shows black in some viewers. */
const whiteBackground: Plugin = {
  id: 'rfWhiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * Renders a chart.js 4 configuration — the one the web page draws, from shared/src/charts — to a
 * PNG on the server with @napi-rs/canvas (no system libraries). Not responsive, not animated.
 */
export async function renderChartPng(
  config: ChartConfiguration<never> | ChartConfiguration,
  width = 960,
  height = 480,
): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const c = config as ChartConfiguration;
  const chart = new Chart(canvas.getContext('2d') as never, {
    ...c,
    options: {
      ...c.options,
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: 1,
    } as ChartConfiguration['options'],
    plugins: [whiteBackground, ...(c.plugins ?? [])],
  });
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
