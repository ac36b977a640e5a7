/**
 * Saving a figure from the window (the chart's save control or the File menu): its content is
 * made here (the chart as shown for PNG and SVG, the data behind it for CSV), and main asks where
 * to put it and writes it. The outcome lands in the figures store, beside the chart.
 */
import { lossCsv, scatterCsv } from '@contract/figureCsv'
import { FIGURE_TITLES, type FigureFormat, type FigureKind } from '@contract/figures'
import { toRaw } from 'vue'
import { chartPng, chartSvg, figureChart } from '../charts/figureCharts'
import { useFiguresStore } from '../stores/figures'
import { usePlotStore } from '../stores/plot'
import { useTrainingStore } from '../stores/training'
import { w2v } from './w2vApi'

const NOTHING_YET: Readonly<Record<FigureKind, string>> = {
  scatter: 'There is no word vectors plot to save yet: train, or open vectors, first.',
  loss: 'There is no loss curve to save yet: train first, or tick a run to show it.',
}

function shownLossRuns() {
  return useTrainingStore().lossRuns.filter((run) => run.visible && run.x.length > 0).map((run) => toRaw(run))
}

function hasData(figure: FigureKind): boolean {
  return figure === 'scatter' ? usePlotStore().picture.words.length > 0 : shownLossRuns().length > 0
}

function csvOf(figure: FigureKind): string {
  if (figure === 'scatter') {
    const { words, coordinates } = usePlotStore().picture
    return scatterCsv(toRaw(words), toRaw(coordinates))
  }
  return lossCsv(shownLossRuns())
}

/** The file's content: text, or for a PNG base64; null when the chart is not on screen. */
function contentOf(figure: FigureKind, format: FigureFormat): string | null {
  if (format === 'csv') return csvOf(figure)
  const chart = figureChart(figure)
  // A chart in a hidden view (display: none) has no size to draw at.
  if (chart === null || chart.chart.getWidth() === 0 || chart.chart.getHeight() === 0) return null
  return format === 'png' ? chartPng(chart) : chartSvg(chart)
}

export async function saveFigure(figure: FigureKind, format: FigureFormat): Promise<void> {
  const figures = useFiguresStore()
  if (!figures.begin(figure, format)) return
  const title = FIGURE_TITLES[figure]
  if (!hasData(figure)) {
    figures.finish(figure, { kind: 'failed', message: NOTHING_YET[figure] })
    return
  }
  let content: string | null
  try {
    content = contentOf(figure, format)
  } catch (error) {
    figures.finish(figure, { kind: 'failed', message: `The ${title} could not be drawn for saving: ${error instanceof Error ? error.message : String(error)}.` })
    return
  }
  if (content === null) {
    figures.finish(figure, { kind: 'failed', message: `The ${title} is not on screen, so it cannot be saved as an image; open the Train view and try again.` })
    return
  }
  const response = await w2v().saveFigure({ figure, format, content })
  if (!response.ok) figures.finish(figure, { kind: 'failed', message: response.error.message })
  else if (response.value.path === null) figures.finish(figure, null)
  else figures.finish(figure, { kind: 'saved', message: `Saved the ${title} to ${response.value.path}.` })
}
