// Which components of the page hydrate later (`hydrate-on-visible`, `hydrate-on-interaction`), for
// a page whose such parts are all off its first screen, below it or folded
// (`definePageMeta({ lazyPartsOffScreen: true })`): server/plugins/lazy-hydration-preloads.ts keeps
// their scripts out of its preloads. Elsewhere a lazy part may be on the first screen (the search's
// filters beside few results): Vue hydrates it at once, and its script is needed as early as the
// page's own.
//
// Nuxt (4.4) notes each such component in `ssrContext['~lazyHydratedModules']` from hooks of
// `app:rendered` that the components add as they render, after every plugin's own; its renderer
// then drops them from the preloads, but the page's dependencies are already worked out (and kept)
// by then, so nothing is dropped. The modules rendered are read here once all of those hooks ran.
import type { NuxtSSRContext } from '#app'
import type { LazyHydration } from '~~/server/utils/lazy-preloads'

declare module '#app' {
  interface PageMeta {
    /** every part of the page that hydrates later is off its first screen: their scripts are not preloaded */
    lazyPartsOffScreen?: boolean
  }
}

export default defineNuxtPlugin((nuxtApp) => {
  const router = useRouter()
  nuxtApp.hooks.afterEach((event) => {
    if (event.name !== 'app:rendered') return
    const { ssrContext } = event.args[0] as { ssrContext?: NuxtSSRContext }
    const lazy = ssrContext?.['~lazyHydratedModules']
    if (!ssrContext?.event || !lazy?.size || !router.currentRoute.value.meta.lazyPartsOffScreen) return
    ssrContext.event.context.lazyHydration = { lazy: [...lazy], modules: [...(ssrContext.modules ?? [])] } satisfies LazyHydration
  })
})
