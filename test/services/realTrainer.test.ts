/**
 * The host against the real trainer bundle (out/main/trainer.js, from `npm run build`): the
 * handshake, a request, and a refusal in the protocol's own terms.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../src-main/core/contract/trainerProtocol'
import { TrainerHost } from '../../src-main/node/services/trainerHost'
import { forkTrainerProcess } from '../../src-main/node/services/trainerProcess'
import { builtTrainer } from '../trainer/forkTrainer'
import { memoryLogger } from './fakeTrainer'

describe('TrainerHost with the built trainer', () => {
  it('completes the handshake, configures autosave and gets a typed refusal', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'w2v-real-trainer-'))
    const log = memoryLogger()
    const entry = await builtTrainer()
    const host = new TrainerHost({ launch: () => forkTrainerProcess(entry), log })
    try {
      expect(await host.ready).toMatchObject({ type: 'ready', protocol: PROTOCOL_VERSION })
      const path = join(folder, 'autosave.w2vckpt')
      expect(await host.request({ type: 'configureAutosave', path, everySeconds: 30 }, { timeoutMs: 10_000 })).toEqual({ path, everySeconds: 30 })
      // Nothing is training yet, so pausing is refused with a reason.
      await expect(host.request({ type: 'pause' }, { timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'trainer', trainerError: { kind: expect.any(String) } })
      expect(log.entries).toEqual([])
    } finally {
      host.kill()
      await host.waitForExit(5000)
      await rm(folder, { recursive: true, force: true })
    }
  })
})
