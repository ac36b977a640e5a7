/**
 * The app's commands, one place for the menu (menuCommand events) and the keyboard shortcuts.
 * On some systems a shortcut reaches both the page and the menu; the same command twice within
 * DUPLICATE_MS runs once.
 */
import type { MenuCommand } from '@contract/appProtocol'
import { figureOfCommand } from '@contract/figures'
import { useAppStore } from '../stores/app'
import { useExportStore } from '../stores/export'
import { useGradientCheckStore } from '../stores/gradientCheck'
import { useTrainingStore } from '../stores/training'
import { saveFigure } from './figureSaving'
import { chooseCorpus, chooseVectors } from './fileOpening'
import { pause, resume, showAbout, stop, trainOrPause } from './session'

const DUPLICATE_MS = 300
let last: { command: MenuCommand; at: number } | null = null

export async function runCommand(command: MenuCommand, now = Date.now()): Promise<void> {
  if (last && last.command === command && now - last.at < DUPLICATE_MS) return
  last = { command, at: now }
  const training = useTrainingStore()
  switch (command) {
    case 'openCorpus': return chooseCorpus()
    case 'openVectors': return chooseVectors()
    case 'openSparkModel': return chooseVectors({ folder: true })
    case 'export': return useExportStore().show()
    case 'train': return trainOrPause()
    case 'pauseResume':
      if (training.state === 'training') return pause()
      if (training.state === 'paused') return resume()
      return
    case 'stop': return training.active ? stop() : undefined
    case 'gradientCheck':
      useAppStore().view = 'gradcheck'
      return useGradientCheckStore().run()
    case 'about': return showAbout()
    case 'saveScatterPng': case 'saveScatterSvg': case 'saveScatterCsv': case 'saveLossPng': case 'saveLossSvg': case 'saveLossCsv': {
      const { figure, format } = figureOfCommand(command)!
      return saveFigure(figure, format)
    }
  }
}
