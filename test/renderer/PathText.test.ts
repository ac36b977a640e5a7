// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PathText from '../../src-renderer/src/components/PathText.vue'

describe('PathText', () => {
  it('offers a line break after every / and \\ and nowhere else, keeping the text as it is', () => {
    const text = 'Saved every word to /home/ann/vectors/moby-dick.bin and C:\\Users\\ann\\moby.npy.'
    const view = mount(PathText, { props: { text } })
    expect(view.text()).toBe(text)
    // What precedes each break opportunity, read from the DOM rather than from the component's split.
    const nodes = [...view.element.childNodes]
    const before = nodes.flatMap((node, i) => (node.nodeName === 'WBR' ? [nodes[i - 1]?.textContent?.at(-1)] : []))
    expect(before).toEqual(['/', '/', '/', '/', '\\', '\\', '\\'])
  })

  it('adds nothing to text without a separator', () => {
    expect(mount(PathText, { props: { text: '251,722 words' } }).find('wbr').exists()).toBe(false)
  })
})
