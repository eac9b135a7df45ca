// The back office's pages say so in their meta: `definePageMeta({ layout: 'admin', permission })`.
// This sends anonymous visitors of those pages to the login page, and a user with a temporary
// password to the password form; the layout shows the page only to a role that holds its
// permission. Convenience only: every API request is decided by the server.
declare module '#app' {
  interface PageMeta {
    /** what a role must hold to see the page (server/services/auth/policy.ts); none: any signed-in user */
    permission?: string
  }
}

export default defineNuxtRouteMiddleware(async (to) => {
  if (to.meta.layout !== 'admin') return
  const localePath = useLocalePath()
  const session = useSessionStore()
  const user = session.loaded ? session.user : await session.refresh()
  if (!user) return navigateTo({ path: localePath('/admin/login'), query: { redirect: to.fullPath } })
  const accountPath = localePath('/admin/account')
  if (user.mustChangePassword && to.path !== accountPath) return navigateTo(accountPath)
})
