/**
 * The figure CS224n's run.py saves as word_vectors.png, as an ECharts option: each word a red
 * point with its word beside it in a faint green box (`plt.scatter(..., color='red')`;
 * `plt.text(x, y, word, bbox=dict(facecolor='green', alpha=0.1))`), the axes running from the
 * smallest to the largest coordinate (`plt.xlim`, `plt.ylim`). A plain object, so core can build
 * it; ECharts itself renders it wherever ECharts may be imported (the command line, the window).
 */

export interface FigureSize {
  readonly width: number
  readonly height: number
}

/** matplotlib's default figure, 6.4 × 4.8 inches at 100 dpi. */
export const WORD_VECTORS_FIGURE_SIZE: FigureSize = { width: 640, height: 480 }

/** matplotlib's default scatter marker (36 pt²) is about 6 pixels across at 100 dpi. */
const POINT_SIZE = 6

/** The option's shape, as far as this figure uses it (core cannot import ECharts' types). */
export interface WordVectorsFigureOption {
  readonly animation: false
  readonly backgroundColor: string
  readonly textStyle: { readonly fontFamily: string; readonly fontSize: number }
  readonly grid: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }
  readonly xAxis: FigureAxis
  readonly yAxis: FigureAxis
  readonly series: readonly [ScatterSeries]
}

interface FigureAxis {
  readonly type: 'value'
  readonly min: number
  readonly max: number
  readonly axisLine: { readonly show: true; readonly onZero: false; readonly lineStyle: { readonly color: string } }
  readonly axisTick: { readonly show: true }
  readonly axisLabel: { readonly color: string; readonly hideOverlap: true; readonly showMinLabel: false; readonly showMaxLabel: false }
  readonly splitLine: { readonly show: false }
}

interface ScatterSeries {
  readonly type: 'scatter'
  readonly symbolSize: number
  readonly itemStyle: { readonly color: string; readonly opacity: number }
  readonly label: {
    readonly show: true
    readonly formatter: '{b}'
    readonly position: readonly [number, number]
    readonly align: 'left'
    readonly verticalAlign: 'bottom'
    readonly color: string
    readonly backgroundColor: string
    readonly borderColor: string
    readonly borderWidth: number
    readonly padding: readonly [number, number]
  }
  readonly data: readonly { readonly name: string; readonly value: readonly [number, number] }[]
}

/** min..max of one axis' coordinates; an axis with no spread gets one unit either side, so it can be drawn. */
function axisRange(coordinates: ArrayLike<number>, offset: 0 | 1): [number, number] {
  let min = Infinity
  let max = -Infinity
  for (let i = offset; i < coordinates.length; i += 2) {
    min = Math.min(min, coordinates[i]!)
    max = Math.max(max, coordinates[i]!)
  }
  if (!Number.isFinite(min)) return [-1, 1]
  return min === max ? [min - 1, max + 1] : [min, max]
}

function axis([min, max]: [number, number]): FigureAxis {
  return {
    type: 'value',
    min,
    max,
    axisLine: { show: true, onZero: false, lineStyle: { color: '#000000' } },
    axisTick: { show: true },
    // The limits are the data's own extremes, long numbers that would crowd the round ticks.
    axisLabel: { color: '#000000', hideOverlap: true, showMinLabel: false, showMaxLabel: false },
    splitLine: { show: false },
  }
}

/** words[i] at (coordinates[2i], coordinates[2i + 1]). */
export function wordVectorsFigureOption(words: readonly string[], coordinates: ArrayLike<number>): WordVectorsFigureOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'sans-serif', fontSize: 12 },
    // Room for the axis labels on the left and below, and for the labels of the rightmost and topmost words.
    grid: { left: 40, right: 64, top: 28, bottom: 32 },
    xAxis: axis(axisRange(coordinates, 0)),
    yAxis: axis(axisRange(coordinates, 1)),
    series: [{
      type: 'scatter',
      symbolSize: POINT_SIZE,
      itemStyle: { color: '#ff0000', opacity: 1 },
      // The label's lower left corner at the point, as plt.text anchors text (left, baseline).
      label: {
        show: true,
        formatter: '{b}',
        position: [POINT_SIZE / 2, POINT_SIZE / 2],
        align: 'left',
        verticalAlign: 'bottom',
        color: '#000000',
        // matplotlib's alpha=0.1 fades the whole box, its black edge too.
        backgroundColor: 'rgba(0, 128, 0, 0.1)',
        borderColor: 'rgba(0, 0, 0, 0.1)',
        borderWidth: 1,
        padding: [2, 3],
      },
      data: words.map((name, i) => ({ name, value: [coordinates[2 * i]!, coordinates[2 * i + 1]!] as const })),
    }],
  }
}
