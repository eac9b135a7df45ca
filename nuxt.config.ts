// The portal and back office: one Nuxt app, server-rendered, over the services in server/.
import type { NitroConfig } from 'nitropack/types'
import { SESSION_COOKIE } from './shared/auth'

// Nuxt types `nitro` by the server builder's registry, which nitropack 2 does not fill; without
// this the options nitropack accepts (externals, ...) are refused by the type check.
declare module '@nuxt/schema' {
  interface NitroTypes { config: NitroConfig }
}

export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  modules: ['@nuxt/ui', '@pinia/nuxt', '@nuxtjs/i18n', 'nuxt-auth-utils', '@nuxt/eslint'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,
  // Fonts would be fetched from Google and others, which a government network may not reach.
  // Only the components the app uses get theme classes in the CSS, and only the colours it uses.
  ui: { fonts: false, colorMode: false, theme: { colors: ['primary', 'success', 'error'] }, experimental: { componentDetection: true } },
  // Icons are drawn as inline SVG. Drawn by a CSS class instead, the first icon a page hydrates
  // reads every rule of the page's stylesheets for that class (30 ms on the phone profile).
  icon: { mode: 'svg', serverBundle: 'local', clientBundle: { scan: true } },
  app: {
    head: {
      htmlAttrs: { lang: 'zh-CN' },
      titleTemplate: '%s - 广安区三张清单一张网',
      meta: [
        { name: 'viewport', content: 'width=device-width, initial-scale=1' },
        { name: 'description', content: '广安区权力清单、责任清单、财政专项资金管理清单的公开查询与政务服务事项搜索' },
      ],
    },
  },
  i18n: {
    defaultLocale: 'zh-CN',
    strategy: 'prefix_except_default',
    locales: [
      // One file per area of the product, so each area's texts can change on their own.
      { code: 'zh-CN', language: 'zh-CN', name: '简体中文', files: ['zh-CN/site.json', 'zh-CN/lists.json', 'zh-CN/open-data.json', 'zh-CN/admin.json', 'zh-CN/workspace.json', 'zh-CN/import.json', 'zh-CN/audit.json', 'zh-CN/search.json', 'zh-CN/guide.json', 'zh-CN/oversight.json', 'zh-CN/reform.json'] },
      { code: 'en', language: 'en', name: 'English', files: ['en/site.json', 'en/lists.json', 'en/open-data.json', 'en/admin.json', 'en/workspace.json', 'en/import.json', 'en/audit.json', 'en/search.json', 'en/guide.json', 'en/oversight.json', 'en/reform.json'] },
    ],
    detectBrowserLanguage: false,
    // Replaced at startup by SITE_URL (server/plugins/site-url.ts).
    baseUrl: 'http://localhost:3000',
  },
  runtimeConfig: {
    // Sealed session cookie (nuxt-auth-utils). The password comes from NUXT_SESSION_PASSWORD;
    // Secure is decided per request (server/guards/session.ts). The header alternative to the cookie
    // is off: the session travels in the SameSite=Strict cookie only.
    session: {
      name: SESSION_COOKIE,
      password: '',
      maxAge: 8 * 60 * 60,
      cookie: { sameSite: 'strict', httpOnly: true },
      sessionHeader: false,
    },
    // NUXT_PUBLIC_DEMO=1 (set by `npm start` unless configured): the demo accounts exist and the
    // login page lists them.
    public: { demo: false },
  },
  // The back office asks /api/auth/me itself (stores/session.ts); the module's plugins would
  // read the session on every public page, and its /api/_auth/session routes would offer a
  // logout that writes no audit entry.
  auth: { loadStrategy: 'none' },
  hooks: {
    // Nuxt UI's colour variables are written into the page's head by the server; in the browser
    // the plugin would only write the same style again, after loading Tailwind's whole palette
    // (9 KB of the entry script) to compute it.
    //
    // @nuxt/icon's plugin only tells @iconify/vue where to fetch an icon the client bundle lacks;
    // it made all of @iconify/vue (19 KB) part of every page's entry script. Every icon the code
    // names is in the client bundle (`clientBundle.scan`), public pages draw theirs as plain SVG
    // (components/InlineIcon.vue), and the back office loads @iconify/vue with its first UIcon.
    // An icon missing from the bundle would be asked of Iconify's API, which the CSP refuses: it
    // stays blank rather than being fetched from a third party.
    'app:resolve'(app) {
      for (const plugin of app.plugins) if (/@nuxt\/ui\/dist\/runtime\/plugins\/colors|@nuxt\/icon\/dist\/runtime\/plugin/.test(plugin.src)) plugin.mode = 'server'
    },
    'nitro:config'(nitro) {
      nitro.handlers = (nitro.handlers ?? []).filter((h) => !h?.route?.startsWith('/api/_auth/'))
    },
    // The browser would prefetch every chunk the page might import later (the back office's
    // component library among them) while a phone is still downloading what it needs now. Pages
    // are still fetched ahead by their visible links (NuxtLink).
    'build:manifest'(manifest) {
      for (const chunk of Object.values(manifest)) chunk.prefetch = false
    },
    // Nuxt UI's component detection lists the themes of the components in use as Tailwind sources,
    // but Tailwind's scanner, given files inside the build folder (under node_modules), then reads
    // that whole folder: the themes of all 120 components, and their classes, ended up in every
    // page's CSS. Naming the unused themes as excluded keeps out what nothing renders.
    'app:templates'(app) {
      const css = app.templates.find((t) => t.filename === 'ui.css')
      const themes = app.templates.flatMap((t) => /^ui\/([^/]+\.ts)$/.exec(t.filename ?? '')?.[1] ?? [])
      const generate = css?.getContents
      if (!css || !generate) return
      css.getContents = async (data) => {
        const contents = await generate(data)
        const used = new Set([...contents.matchAll(/@source "\.\/ui\/([^"/]+\.ts)";/g)].map((m) => m[1]))
        if (!used.size) return contents
        return `${contents}\n${themes.filter((f) => !used.has(f)).map((f) => `@source not "./ui/${f}";`).join('\n')}\n`
      }
    },
  },
  // The page's CSS (11 KB compressed) travels inside its HTML instead of as a stylesheet the first
  // paint waits for: on a phone's link that request started only once the HTML was read, and shared
  // the bandwidth with the scripts preloaded at the same moment (first paint 1.4–1.9 s before, 1.1–
  // 1.5 s after on the demo's phone profile). Moving between pages inside the portal loads no HTML.
  features: { inlineStyles: true },
  // Links fetch the page they lead to when touched, hovered or focused, not as soon as they are
  // on screen: a search result or list page shows dozens of links, and a phone on a slow link
  // would download every page's code after loading the one it asked for.
  experimental: { defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } } },
  typescript: { strict: true },
  // Rollup leaves a chunk per shared component or composable (20 of the search page's 26 scripts
  // were under 5 KB); over HTTP/1.1 at a phone's 150 ms round trips each costs a request. Chunks
  // under 10 KB are merged into another chunk wherever that changes no module's order of execution.
  //
  // The browser's vue-i18n gets its texts compiled where they need it (plugins/i18n-texts.ts,
  // server/utils/texts.ts), so its message compiler stays out of the entry script. The define is
  // set by a plugin that comes after vue-i18n's own (which says false), in the client build only:
  // the server renders with the texts as they are written.
  vite: {
    $client: { build: { rollupOptions: { output: { experimentalMinChunkSize: 10_000 } } } },
    plugins: [{ name: 'i18n-texts-precompiled', enforce: 'post', config: (_, { isSsrBuild }) => (isSsrBuild ? undefined : { define: { __INTLIFY_DROP_MESSAGE_COMPILER__: 'true' } }) }],
  },
  nitro: {
    // The guards every handler starts with (requireContext, ...), auto-imported like server/utils.
    imports: { dirs: ['./server/guards'] },
    // Static files (the JS and CSS chunks above all) are stored brotli- and gzip-compressed at
    // build and served in the encoding the browser asks for; answers made per request are
    // compressed by server/plugins/answers.ts.
    compressPublicAssets: { gzip: true, brotli: true },
    // Before the modules' plugins: see the file.
    plugins: ['~~/server/early-plugins/closed-output', '~~/server/early-plugins/runtime-config'],
    // Node 20.19+ loads the "module-sync" export of a package (require of ESM), but the file tracer
    // assumes so only from Node 22: without this, exceljs's dependency async-function ships
    // without the file Node loads and every spreadsheet download fails.
    externals: { traceOptions: { conditions: ['node', 'module-sync'] } },
  },
})
