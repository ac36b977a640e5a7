import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from './wire'

describe('harness wire encoding', () => {
  it('carries non-finite numbers, which plain JSON turns into null', () => {
    const event = { kind: 'trainerEvent', event: { loss: [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], smoothedLoss: [null] } }
    expect(decodeMessage(encodeMessage(event))).toEqual(event)
  })

  it('leaves objects that merely look like the encoding alone', () => {
    const args = { a: { $w2vNumber: 'NaN', other: 1 }, b: { $w2vNumber: 3 } }
    expect(decodeMessage(encodeMessage(args))).toEqual(args)
  })
})
