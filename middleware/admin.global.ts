// Sends anonymous visitors of the back office to its login page, and a user with a temporary
// password to the password form. Convenience only: every API request is decided by the server.
export default defineNuxtRouteMiddleware(async (to) => {
  const localePath = useLocalePath()
  const inBackOffice = /^(?:\/[a-z]{2}(?:-[A-Z]{2})?)?\/admin(?:\/|$)/.test(to.path)
  if (!inBackOffice) return
  const loginPath = localePath('/admin/login')
  if (to.path === loginPath) return
  const session = useSessionStore()
  const user = session.loaded ? session.user : await session.refresh()
  if (!user) return navigateTo({ path: loginPath, query: { redirect: to.fullPath } })
  const accountPath = localePath('/admin/account')
  if (user.mustChangePassword && to.path !== accountPath) return navigateTo(accountPath)
})
