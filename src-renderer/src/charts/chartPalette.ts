/**
 * The charts' colours for the light and the dark system theme. ECharts' own 'dark' theme
 * handles tooltips and legends; these are the colours that carry meaning (runs, pass/fail).
 */
export interface ChartPalette {
  readonly dark: boolean
  /** ECharts theme registered under this name ('default' and 'dark' ship with echarts/core). */
  readonly echartsTheme: 'default' | 'dark'
  readonly text: string
  readonly mutedText: string
  readonly axisLine: string
  readonly splitLine: string
  /** One per run: the current run takes the first, earlier runs the next ones. */
  readonly runs: readonly string[]
  readonly learningRate: string
  readonly boundary: string
  readonly point: string
  readonly passed: string
  readonly failed: string
  readonly threshold: string
}

// Okabe–Ito-like hues: distinguishable by most colour-blind viewers on either background.
export const LIGHT_PALETTE: ChartPalette = {
  dark: false,
  echartsTheme: 'default',
  text: '#1f2328',
  mutedText: '#59636e',
  axisLine: '#8c959f',
  splitLine: '#e6e8eb',
  runs: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6e7781'],
  learningRate: '#8250df',
  boundary: '#8c959f',
  point: '#0072b2',
  passed: '#1a7f37',
  failed: '#cf222e',
  threshold: '#9a6700',
}

export const DARK_PALETTE: ChartPalette = {
  dark: true,
  echartsTheme: 'dark',
  text: '#e6edf3',
  mutedText: '#9198a1',
  axisLine: '#656c76',
  splitLine: '#2a3038',
  runs: ['#58a6ff', '#f0b72f', '#3fb950', '#f778ba', '#79c0ff', '#ff7b52', '#9198a1'],
  learningRate: '#bc8cff',
  boundary: '#656c76',
  point: '#58a6ff',
  passed: '#3fb950',
  failed: '#f85149',
  threshold: '#d29922',
}

export function paletteFor(dark: boolean): ChartPalette {
  return dark ? DARK_PALETTE : LIGHT_PALETTE
}

/** The colour of the run at `index` in the runs list (stable when other runs are hidden). */
export function runColor(palette: ChartPalette, index: number): string {
  return palette.runs[index % palette.runs.length]!
}
