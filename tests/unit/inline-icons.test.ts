import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { INLINE_ICONS, type IconShapes } from '../../shared/inline-icons'

const lucide = createRequire(import.meta.url)('@iconify-json/lucide/icons.json') as { width: number; height: number; icons: Record<string, { body: string }> }

const STROKE = { 'fill': 'none', 'stroke': 'currentColor', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'stroke-width': '2' }

/** An icon body's elements: each tag with its attributes, the stroke (on a <g> or the element) apart. */
function elements(body: string): { stroke: Record<string, string>; shapes: string[] } {
  const stroke: Record<string, string> = {}
  const shapes: string[] = []
  for (const [, tag, attrText] of body.matchAll(/<(g|path|rect|circle)\b([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries([...attrText!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]))
    const own: Record<string, string> = {}
    for (const [k, v] of Object.entries(attrs)) (k in STROKE ? stroke : own)[k] = v
    if (tag !== 'g') shapes.push(`${tag} ${JSON.stringify(Object.fromEntries(Object.entries(own).sort()))}`)
  }
  return { stroke, shapes: shapes.sort() }
}

function drawn(icon: IconShapes): string[] {
  const str = (o: object) => JSON.stringify(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]).sort()))
  return [
    ...icon.paths.map((d) => `path ${str({ d })}`),
    ...(icon.rects ?? []).map((r) => `rect ${str(r)}`),
    ...(icon.circles ?? []).map((c) => `circle ${str(c)}`),
  ].sort()
}

describe('the icons public pages draw as plain SVG', () => {
  it.each(Object.keys(INLINE_ICONS))('%s has the shapes and the stroke of Lucide\'s icon', (name) => {
    const original = lucide.icons[name]
    expect(original, `${name} is a Lucide icon`).toBeDefined()
    expect([lucide.width, lucide.height]).toEqual([24, 24])
    const { stroke, shapes } = elements(original!.body)
    expect(stroke).toEqual(STROKE)
    expect(drawn(INLINE_ICONS[name as keyof typeof INLINE_ICONS])).toEqual(shapes)
  })
})
