// The icons public pages show (the search button's among them), drawn as plain SVG elements: a
// public page then loads neither @nuxt/icon's runtime nor @iconify/vue (6 KB compressed) and puts
// no icon data in its payload, and an icon costs nothing to hydrate. The shapes are Lucide's (ISC licence) as
// @iconify-json/lucide has them; tests/unit/inline-icons.test.ts compares each with it. Every
// Lucide icon is drawn with the same stroke, set once on the <svg> (components/InlineIcon.vue).
// The back office keeps Nuxt UI's UIcon.

export interface IconShapes {
  paths: string[]
  rects?: { width: number; height: number; x: number; y: number; rx: number }[]
  circles?: { cx: number; cy: number; r: number }[]
}

export const INLINE_ICONS = {
  'search': { paths: ['m21 21l-4.34-4.34'], circles: [{ cx: 11, cy: 11, r: 8 }] },
  'footprints': { paths: ['M4 16v-2.38C4 11.5 2.97 10.5 3 8c.03-2.72 1.49-6 4.5-6C9.37 2 10 3.8 10 5.5c0 3.11-2 5.66-2 8.68V16a2 2 0 1 1-4 0m16 4v-2.38c0-2.12 1.03-3.12 1-5.62c-.03-2.72-1.49-6-4.5-6C14.63 6 14 7.8 14 9.5c0 3.11 2 5.66 2 8.68V20a2 2 0 1 0 4 0m-4-3h4M4 13h4'] },
  'monitor-smartphone': { paths: ['M18 8V6a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h8m-2 4v-3.96v3.15M7 19h5'], rects: [{ width: 6, height: 10, x: 16, y: 12, rx: 2 }] },
  'rss': { paths: ['M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16'], circles: [{ cx: 5, cy: 19, r: 1 }] },
  'mail': { paths: ['m22 7l-8.991 5.727a2 2 0 0 1-2.009 0L2 7'], rects: [{ width: 20, height: 16, x: 2, y: 4, rx: 2 }] },
  'printer': { paths: ['M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 9V3a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v6'], rects: [{ width: 12, height: 8, x: 6, y: 14, rx: 1 }] },
  'file-text': { paths: ['M6 22a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8a2.4 2.4 0 0 1 1.704.706l3.588 3.588A2.4 2.4 0 0 1 20 8v12a2 2 0 0 1-2 2z', 'M14 2v5a1 1 0 0 0 1 1h5M10 9H8m8 4H8m8 4H8'] },
  'file-json': { paths: ['M15 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7Z', 'M14 2v4a2 2 0 0 0 2 2h4m-10 4a1 1 0 0 0-1 1v1a1 1 0 0 1-1 1a1 1 0 0 1 1 1v1a1 1 0 0 0 1 1m4 0a1 1 0 0 0 1-1v-1a1 1 0 0 1 1-1a1 1 0 0 1-1-1v-1a1 1 0 0 0-1-1'] },
  'file-spreadsheet': { paths: ['M6 22a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8a2.4 2.4 0 0 1 1.704.706l3.588 3.588A2.4 2.4 0 0 1 20 8v12a2 2 0 0 1-2 2z', 'M14 2v5a1 1 0 0 0 1 1h5M8 13h2m4 0h2m-8 4h2m4 0h2'] },
} satisfies Record<string, IconShapes>

export type InlineIconName = keyof typeof INLINE_ICONS
