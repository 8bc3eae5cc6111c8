/**
 * The compliance report card's chart: annual review meetings held each month, on time and late, as
 * a small PNG drawn with `pngjs` (pure JavaScript, no canvas or fonts), sent inside the card as a
 * data URI so Teams shows it without fetching anything from the service. The picture has no
 * words; its alternative text and the card's facts give the numbers.
 */
import { PNG } from 'pngjs';

export interface MonthBar {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly onTime: number;
  readonly late: number;
}

const WIDTH = 480;
const HEIGHT = 160;
const MARGIN = 8;
// GOV.UK colours: blue for on time, red for late, black for the axis.
const ON_TIME: readonly [number, number, number] = [0x1d, 0x70, 0xb8];
const LATE: readonly [number, number, number] = [0xd4, 0x35, 0x1c];
const AXIS: readonly [number, number, number] = [0x0b, 0x0c, 0x0c];

/** A stacked bar a month (on time below, late above), scaled to the busiest month. */
export function monthsChartPng(bars: readonly MonthBar[]): Buffer {
  const png = new PNG({ width: WIDTH, height: HEIGHT, colorType: 2 });
  png.data.fill(0xff);
  const paint = (x0: number, y0: number, x1: number, y1: number, [r, g, b]: readonly [number, number, number]): void => {
    for (let y = Math.max(0, y0); y < Math.min(HEIGHT, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(WIDTH, x1); x++) {
        const i = (y * WIDTH + x) * 4;
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
        png.data[i + 3] = 0xff;
      }
    }
  };
  const base = HEIGHT - MARGIN;
  const tallest = Math.max(1, ...bars.map((b) => b.onTime + b.late));
  const slot = (WIDTH - 2 * MARGIN) / Math.max(1, bars.length);
  const scale = (n: number): number => Math.round((n / tallest) * (base - MARGIN));
  bars.forEach((bar, i) => {
    const x0 = Math.round(MARGIN + i * slot + slot * 0.15);
    const x1 = Math.round(MARGIN + (i + 1) * slot - slot * 0.15);
    const onTime = scale(bar.onTime);
    const all = scale(bar.onTime + bar.late);
    paint(x0, base - onTime, x1, base, ON_TIME);
    paint(x0, base - all, x1, base - onTime, LATE);
  });
  paint(MARGIN, base, WIDTH - MARGIN, base + 2, AXIS);
  return PNG.sync.write(png, { colorType: 2 });
}

/** The chart's words: every month's numbers, for people who cannot see it. */
export function monthsChartAltText(bars: readonly MonthBar[]): string {
  return `Annual review meetings held each month, on time (blue) and late (red): ${bars.map((b) => `${b.month}, ${b.onTime} on time, ${b.late} late`).join('; ')}.`;
}
