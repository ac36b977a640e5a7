/**
 * The few Web platform APIs core uses. They exist in every JavaScript runtime the app runs in
 * (Node, Electron's processes, browsers, workers) but are not ECMAScript, so core's ES2023-only
 * lib does not declare them. Only the members core uses are declared; under the Node config the
 * declarations merge with @types/node's.
 */

interface TextDecoderOptions {
  fatal?: boolean
  ignoreBOM?: boolean
}

interface TextDecodeOptions {
  stream?: boolean
}

/** WHATWG Encoding Standard decoder: https://encoding.spec.whatwg.org/#interface-textdecoder */
interface TextDecoder {
  readonly encoding: string
  decode(input?: Uint8Array, options?: TextDecodeOptions): string
}

// `var`, as in lib.dom and @types/node: only a var merges with their declarations of the same global.
// eslint-disable-next-line no-var
declare var TextDecoder: {
  prototype: TextDecoder
  new (label?: string, options?: TextDecoderOptions): TextDecoder
}
