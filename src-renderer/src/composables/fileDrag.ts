/**
 * Files dragged over the window: `dragging` is true from the moment files enter until they
 * leave or are dropped (enter/leave fire for every child element, hence the counter). A drop
 * anywhere outside an element marked `data-drop-zone` (which handles its own) hands the files
 * to `onDrop`.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false
}

export function useFileDrag(onDrop: (files: File[]) => void): { dragging: Ref<boolean> } {
  const dragging = ref(false)
  let depth = 0

  const enter = (event: DragEvent): void => {
    if (!carriesFiles(event)) return
    depth++
    dragging.value = true
  }
  const leave = (event: DragEvent): void => {
    if (!carriesFiles(event)) return
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  const over = (event: DragEvent): void => {
    if (!carriesFiles(event)) return
    // Without this the browser opens the file itself instead of letting the page have it.
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
  }
  const drop = (event: DragEvent): void => {
    depth = 0
    dragging.value = false
    if (!event.dataTransfer) return
    event.preventDefault()
    // A zone that takes drops itself (a benchmark file on the evaluation card) is marked data-drop-zone.
    if (event.target instanceof Element && event.target.closest('[data-drop-zone]')) return
    const files = [...event.dataTransfer.files]
    if (files.length > 0) onDrop(files)
  }

  onMounted(() => {
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter)
    window.removeEventListener('dragleave', leave)
    window.removeEventListener('dragover', over)
    window.removeEventListener('drop', drop)
  })
  return { dragging }
}
