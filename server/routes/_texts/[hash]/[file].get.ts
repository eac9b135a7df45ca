import { getRouterParam, setHeader } from 'h3'
import { splitTexts, type TextPart } from '../../../../shared/text-parts'
import { apiError } from '../../../utils/http'
import { compiledTexts } from '../../../utils/texts'

// Set by @nuxtjs/i18n (10.6) for the whole build: where it serves each locale's texts, and the
// hash of each locale's files.
declare const __I18N_SERVER_ROUTE__: string
declare const __I18N_LOCALE_HASHES__: Record<string, string>

const compiled = new Map<string, Promise<Record<TextPart, string>>>()

/**
 * `/_texts/<hash>/<locale>.json`: the texts of a language that public pages show, and
 * `/_texts/<hash>/<locale>.office.json` those only the back office shows (shared/text-parts.ts),
 * for the browser (plugins/i18n-texts.ts), compiled where they need it (server/utils/texts.ts). The
 * address changes with the texts, so the browser keeps the file.
 */
export default defineEventHandler(async (event) => {
  const hash = getRouterParam(event, 'hash')
  const [, locale, office] = /^([\w-]+?)(\.office)?\.json$/.exec(getRouterParam(event, 'file') ?? '') ?? []
  if (!locale || !Object.hasOwn(__I18N_LOCALE_HASHES__, locale) || __I18N_LOCALE_HASHES__[locale] !== hash) {
    throw apiError(404, 'NOT_FOUND', 'no such texts')
  }
  let texts = compiled.get(locale)
  if (!texts) {
    texts = $fetch<Record<string, Record<string, unknown>>>(`${__I18N_SERVER_ROUTE__}/${hash}/${locale}/messages.json`)
      .then((messages) => {
        const parts = splitTexts(messages[locale] ?? {})
        const file = (part: TextPart) => JSON.stringify({ [locale]: compiledTexts(parts[part]) })
        return { public: file('public'), office: file('office') }
      })
    texts.catch(() => compiled.delete(locale))
    compiled.set(locale, texts)
  }
  setHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  setHeader(event, 'Cache-Control', 'public, max-age=31536000, immutable')
  return (await texts)[office ? 'office' : 'public']
})
