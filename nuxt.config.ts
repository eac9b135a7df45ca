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
  ui: { fonts: false, colorMode: false },
  icon: { serverBundle: 'local', clientBundle: { scan: true } },
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
      { code: 'zh-CN', language: 'zh-CN', name: '简体中文', files: ['zh-CN/site.json', 'zh-CN/lists.json', 'zh-CN/open-data.json', 'zh-CN/admin.json', 'zh-CN/workspace.json', 'zh-CN/import.json', 'zh-CN/audit.json', 'zh-CN/search.json', 'zh-CN/oversight.json', 'zh-CN/reform.json'] },
      { code: 'en', language: 'en', name: 'English', files: ['en/site.json', 'en/lists.json', 'en/open-data.json', 'en/admin.json', 'en/workspace.json', 'en/import.json', 'en/audit.json', 'en/search.json', 'en/oversight.json', 'en/reform.json'] },
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
    'nitro:config'(nitro) {
      nitro.handlers = (nitro.handlers ?? []).filter((h) => !h?.route?.startsWith('/api/_auth/'))
    },
  },
  typescript: { strict: true },
  nitro: {
    // The guards every handler starts with (requireContext, ...), auto-imported like server/utils.
    imports: { dirs: ['./server/guards'] },
    // Before the modules' plugins: see the file.
    plugins: ['~~/server/early-plugins/runtime-config'],
    // Node 20.19+ loads the "module-sync" export of a package (require of ESM), but the file tracer
    // assumes so only from Node 22: without this, exceljs's dependency async-function ships
    // without the file Node loads and every spreadsheet download fails.
    externals: { traceOptions: { conditions: ['node', 'module-sync'] } },
  },
})
