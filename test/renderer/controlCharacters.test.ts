// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { UnknownWordError } from '../../src-main/core/evaluation/evaluationErrors'
import CorpusPanel from '../../src-renderer/src/components/CorpusPanel.vue'
import ExploreNeighbours from '../../src-renderer/src/components/ExploreNeighbours.vue'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useExploreStore } from '../../src-renderer/src/stores/explore'

beforeEach(() => setActivePinia(createPinia()))

// A word ending in RIGHT-TO-LEFT OVERRIDE turned the rest of the sentence quoting it backwards.
const WORD = 'string\u202e'

describe('messages that quote a user’s text', () => {
  it('show a bidi override in the word as an escape, so the sentence around it reads forwards', () => {
    useExploreStore().neighboursError = new UnknownWordError(WORD, 10).message
    const text = mount(ExploreNeighbours).get('[role="alert"]').text()
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u)
    expect(text).toContain('string\\u202e')
  })

  it('show terminal controls in a file name as escapes', () => {
    useCorpusStore().error = 'The file “evil\x1b[2J.txt” does not exist.'
    const text = mount(CorpusPanel).get('[data-testid="corpus-error"]').text()
    expect(text).toBe('The file “evil\\x1b[2J.txt” does not exist.')
  })
})
