// Who is signed in to the back office, as /api/auth/me says. The server decides every request
// on its own; this store only tells the pages what to show.
import { defineStore } from 'pinia'
import type { LoginInput, PasswordChangeInput, SessionUser } from '~/shared/auth'

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const loaded = ref(false)
  // During server rendering this forwards the visitor's cookie to the API.
  const request = useRequestFetch()

  async function refresh(): Promise<SessionUser | null> {
    try {
      user.value = (await request<{ user: SessionUser }>('/api/auth/me')).user
    } catch {
      user.value = null
    }
    loaded.value = true
    return user.value
  }

  async function login(input: LoginInput): Promise<SessionUser> {
    const answer = await $fetch<{ user: SessionUser }>('/api/auth/login', { method: 'POST', body: input })
    user.value = answer.user
    loaded.value = true
    return answer.user
  }

  async function logout(): Promise<void> {
    await $fetch('/api/auth/logout', { method: 'POST' }).catch(() => {})
    user.value = null
  }

  async function changePassword(input: PasswordChangeInput): Promise<void> {
    user.value = (await $fetch<{ user: SessionUser }>('/api/auth/password', { method: 'POST', body: input })).user
  }

  const can = (permission: string) => user.value?.permissions.includes(permission) ?? false

  return { user, loaded, refresh, login, logout, changePassword, can }
})
