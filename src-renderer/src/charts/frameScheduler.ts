/**
 * Coalesces redraw requests into at most one per animation frame: the trainer's batches arrive
 * every ~50 ms and several props may change in one tick, but the chart is drawn once per frame
 * (and not at all while the window is hidden, since browsers pause animation frames there).
 */
export interface FrameScheduler {
  /** Draw on the next frame (no-op if a frame is already pending). */
  schedule(): void
  /** Forget the pending frame, if any (on unmount). */
  cancel(): void
}

export function createFrameScheduler(
  draw: (time: number) => void,
  requestFrame: (callback: (time: number) => void) => number = (cb) => requestAnimationFrame(cb),
  cancelFrame: (handle: number) => void = (handle) => cancelAnimationFrame(handle),
): FrameScheduler {
  let pending: number | null = null
  return {
    schedule() {
      if (pending !== null) return
      pending = requestFrame((time) => {
        pending = null
        draw(time)
      })
    },
    cancel() {
      if (pending !== null) cancelFrame(pending)
      pending = null
    },
  }
}
