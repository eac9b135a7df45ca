// The citizen's own recent searches, kept in this browser only (never sent to the server).
import { defineStore } from 'pinia'

const KEY = 'sanzhang.recentSearches'
const MAX = 8

export const useRecentSearches = defineStore('recentSearches', {
  state: () => ({ terms: [] as string[], loaded: false }),
  actions: {
    load() {
      if (this.loaded || !import.meta.client) return
      this.loaded = true
      try {
        const saved = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown
        if (Array.isArray(saved)) this.terms = saved.filter((t): t is string => typeof t === 'string').slice(0, MAX)
      } catch {
        this.terms = []
      }
    },
    remember(term: string) {
      const q = term.trim()
      if (!q) return
      this.load()
      this.terms = [q, ...this.terms.filter((t) => t !== q)].slice(0, MAX)
      this.persist()
    },
    clear() {
      this.terms = []
      this.persist()
    },
    persist() {
      if (!import.meta.client) return
      try { localStorage.setItem(KEY, JSON.stringify(this.terms)) } catch { /* private mode: keep in memory only */ }
    },
  },
})
