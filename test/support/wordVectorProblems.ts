import fc from 'fast-check'

export const finite = (max: number) => fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true })

/** A word-vector problem with every coordinate in [−1e3, 1e3]: scores reach ±6e6. */
export const bigProblem = fc.integer({ min: 2, max: 6 }).chain((d) =>
  fc.integer({ min: 2, max: 7 }).chain((vocabSize) =>
    fc.record({
      centerWordVec: fc.array(finite(1e3), { minLength: d, maxLength: d }),
      outsideVectors: fc.array(fc.array(finite(1e3), { minLength: d, maxLength: d }), { minLength: vocabSize, maxLength: vocabSize }),
      outsideWordIdx: fc.nat(vocabSize - 1),
      negatives: fc.array(fc.nat(vocabSize - 1), { minLength: 1, maxLength: 8 }),
    }),
  ),
)
