// The portal's texts as the browser gets them. A message with placeholders, plurals or linked
// messages goes out compiled (vue-i18n's message AST, the form its bundler plugin emits for texts
// it compiles at build), every other one as the plain string it is. The browser's vue-i18n is then
// built without its message compiler (a Vite plugin in nuxt.config.ts): 17 KB less of the
// entry script, and no compiling of each text a page shows while it starts on a phone.
import { baseCompile, type CompileError, type ResourceNode } from '@intlify/message-compiler'

type Texts = string | ResourceNode | Texts[] | { [key: string]: Texts }

export function compiledTexts(texts: unknown, key = ''): Texts {
  if (typeof texts === 'string') return compiledMessage(texts, key)
  if (Array.isArray(texts)) return texts.map((t, i) => compiledTexts(t, `${key}[${i}]`))
  if (texts && typeof texts === 'object') {
    return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, compiledTexts(v, key ? `${key}.${k}` : k)]))
  }
  throw new Error(`text ${key}: not a message (${typeof texts})`)
}

function compiledMessage(message: string, key: string): Texts {
  const errors: string[] = []
  const { ast } = baseCompile(message, { jit: true, minify: true, location: false, onError: (e: CompileError) => { errors.push(e.message) } })
  if (errors.length) throw new Error(`text ${key}: ${errors.join('; ')}`)
  // Minified, a message made of text only keeps it in `s`; any placeholder, literal, link or
  // plural leaves it unset or different from the source.
  const body = (ast as unknown as { b: { t: number; s?: string } }).b
  return body.t === 2 && body.s === message ? message : ast
}
