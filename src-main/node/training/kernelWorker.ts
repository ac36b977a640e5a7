/**
 * A training thread: instantiates the kernels on the run's shared memory and runs the chunk
 * loop until the run ends, is stopped, or diverges. Started by StreamingTrainer.
 */
import { parentPort } from 'node:worker_threads'
import type { TokenStore } from '../../core/corpus/tokenStore'
import type { ChunkPlan } from '../../core/training/chunkPlan'
import { type ChunkLoopEvent, CONTROL, RUN_STATE, runChunkLoop } from '../../kernels/chunkLoop'
import { ParamBlock } from '../../kernels/paramBlock'
import { createTypeScriptKernel } from '../../kernels/typescriptKernel'
import { instantiateWasmKernel } from '../../kernels/wasmKernel'
import { openTokenSource } from '../tokenFile'

export interface KernelWorkerInit {
  readonly module: WebAssembly.Module | null
  readonly memory: WebAssembly.Memory
  readonly control: Int32Array
  readonly plan: ChunkPlan
  /** The corpus' token stream: this thread opens its own reader of it. */
  readonly store: TokenStore
  readonly blockOffset: number
  readonly epochs: number
  readonly alpha: number
  readonly minAlpha: number
  /** Minimum milliseconds between progress posts. */
  readonly reportEvery: number
}

const port = parentPort
if (!port) throw new Error('kernelWorker must run as a worker thread.')

port.once('message', (init: KernelWorkerInit) => {
  const kernel = init.module ? instantiateWasmKernel(init.module, init.memory) : createTypeScriptKernel(init.memory.buffer)
  const stream = openTokenSource(init.store)
  void runChunkLoop({
    kernel,
    stream,
    block: new ParamBlock(init.memory.buffer, init.blockOffset),
    control: init.control,
    plan: init.plan,
    epochs: init.epochs,
    alpha: init.alpha,
    minAlpha: init.minAlpha,
    post: (event: ChunkLoopEvent) => port.postMessage(event),
    waitWhilePaused: () => {
      Atomics.wait(init.control, CONTROL.state, RUN_STATE.paused)
    },
    now: () => performance.now(),
    reportEvery: init.reportEvery,
  }).finally(() => {
    stream.close()
    port.close()
  })
})
