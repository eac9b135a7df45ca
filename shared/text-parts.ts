// The browser gets a language's texts in two parts (server/routes/_texts, plugins/i18n-texts.ts):
// what the public pages show, which every page waits for before it hydrates, and what only the
// back office shows (its forms and tables, the import, the oversight and the reform office's work),
// fetched when a back-office page is first opened. On a phone's link the public part alone is
// 9 KB (compressed) less on every public page's critical path.

type Texts = Record<string, unknown>

export type TextPart = 'public' | 'office'

/**
 * The back office's namespaces, each with the keys under it that public pages show too: an API
 * error's generic message (useApiError), a role's name and a status in the public history
 * (useAuditLabels), a field's name in a published change (useFieldFormat), the subscription form's
 * "fix the errors below".
 */
const OFFICE: Record<string, readonly string[]> = {
  admin: ['errors', 'roles'],
  workspace: ['common', 'fields', 'dutyFields', 'fundFields', 'status', 'versionStatus'],
  import: [],
  searchAdmin: [],
  oversight: [],
  reform: [],
}

/** A language's texts as the two files the browser gets. */
export function splitTexts(texts: Texts): Record<TextPart, Texts> {
  const parts: Record<TextPart, Texts> = { public: {}, office: {} }
  for (const [namespace, value] of Object.entries(texts)) {
    const shared = OFFICE[namespace]
    if (!shared || !value || typeof value !== 'object') {
      parts.public[namespace] = value
      continue
    }
    for (const [key, text] of Object.entries(value)) {
      const part = parts[officeName(namespace, key) ? 'office' : 'public']
      ;((part[namespace] ??= {}) as Texts)[key] = text
    }
  }
  return parts
}

/** Whether a text (its key, `workspace.fields.name`) comes with the back office's part. */
export function isOfficeText(key: string): boolean {
  const [namespace = '', name = ''] = key.split('.')
  return officeName(namespace, name)
}

/** Whether `namespace.name` and all under it belong to the back office's part. */
function officeName(namespace: string, name: string): boolean {
  const shared = OFFICE[namespace]
  return !!shared && !shared.includes(name)
}

/** A back-office page: `/admin` and below, in either language (`/en/admin/...`). */
export function isOfficePath(path: string): boolean {
  return /^(\/en)?\/admin(\/|$)/.test(path)
}
