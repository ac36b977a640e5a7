// WebAssembly's JavaScript API exists in every runtime the kernels run in (Node, Electron's
// utility process, browsers, workers), but TypeScript declares it only in the DOM library,
// which code outside the window does not load. These are the members the kernels use.
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number
    maximum?: number
    shared?: boolean
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor)
    readonly buffer: ArrayBuffer | SharedArrayBuffer
    grow(delta: number): number
  }
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer)
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>)
    readonly exports: Record<string, unknown>
  }
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean
}
