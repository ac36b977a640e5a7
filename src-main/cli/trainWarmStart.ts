/**
 * How `w2v train`'s two warm starts go with its other flags: --continue (a saved word2vec run
 * trained further on another corpus) and --init-vectors (a fresh run whose words start from a
 * vectors file, --lock-init freezing them). The starts themselves are node/session/warmStarts.ts.
 */
import { type FlagValues, UsageError } from './flags'

/** Refuses warm-start flags that do not go together, before any file is read. */
export function checkWarmStartFlags(flags: FlagValues): void {
  if (flags.continue !== undefined && flags.resume !== undefined) {
    throw new UsageError('--continue and --resume cannot be used together: --resume finishes an interrupted run on its own corpus, --continue trains a saved run further on --corpus.')
  }
  if (flags['init-vectors'] !== undefined && (flags.continue !== undefined || flags.resume !== undefined)) {
    throw new UsageError(`--init-vectors starts a new run; it cannot be used with --${flags.continue !== undefined ? 'continue' : 'resume'}, whose run already has its vectors.`)
  }
  for (const flag of ['lock-init', 'init-format'] as const) {
    if (flags[flag] !== undefined && flags['init-vectors'] === undefined) throw new UsageError(`--${flag} applies to --init-vectors <file>, which is missing.`)
  }
}
