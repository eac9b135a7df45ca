// How handlers read input and report failure: every refusal is a 4xx with a machine-readable
// `data.error` code, and zod's issues name the field at fault. What no input may carry (too big,
// too deep, control characters, broken encoding) is refused here, before any schema: see
// docs/SECURITY.md, "Hostile input".
import type { H3Event } from 'h3'
import { createError, getQuery, getRequestHeader, getRequestProtocol, getRouterParam } from 'h3'
import type { z } from 'zod'

import type { ApiErrorData } from '../../shared/api'
import { appConfig } from './config'

/** The largest JSON body an API route reads (uploads have their own limit, server/utils/upload.ts). */
export const MAX_JSON_BYTES = 1024 * 1024
/** Nothing this API accepts nests deeper; a deeper body is refused before any schema walks it. */
export const MAX_JSON_DEPTH = 32

/**
 * Characters refused in every string of a body, query or path: C0 controls but tab, LF and CR
 * (PostgreSQL cannot even store NUL), DEL and C1 controls, the bidirectional overrides and
 * isolates that make text read otherwise than it is stored, and unpaired surrogates.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Whether the browser reached the portal over HTTPS: directly, through a proxy that says so in
 * X-Forwarded-Proto, or always when SECURE_COOKIES=1. The header is believed from anyone: a
 * client that forges it only makes its own cookie Secure (and its own HSTS), which it cannot
 * turn against anyone else; not believing it would drop Secure behind every TLS proxy.
 */
export function servedOverHttps(event: H3Event): boolean {
  return appConfig().secureCookies || getRequestProtocol(event, { xForwardedProto: true }) === 'https'
}

/** An address as the limits count it: without a port, brackets or the IPv4-in-IPv6 prefix. */
function plainAddress(address: string): string {
  const bare = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1] ?? address.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
  return bare.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')
}

/**
 * The client's address behind `trustedProxies` proxies. Each proxy appends the address it got the
 * request from to X-Forwarded-For, so the n-th entry from the right is what the outermost trusted
 * proxy saw; anything further left was written by the client and is never believed. With fewer
 * entries than proxies (a request that did not pass them all), the leftmost; without proxies, the
 * connection's peer.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string | undefined, trustedProxies: number): string {
  const hops = trustedProxies > 0 ? (forwardedFor ?? '').split(',').map((h) => h.trim()).filter(Boolean) : []
  const address = hops.length ? hops[Math.max(0, hops.length - trustedProxies)] : peer
  return address ? plainAddress(address).slice(0, 100) : 'unknown'
}

export function apiError(statusCode: number, error: string, message: string, issues?: ApiErrorData['issues'], extra: Pick<ApiErrorData, 'retryAt' | 'report'> = {}) {
  const data: ApiErrorData = { error, message, ...(issues ? { issues } : {}), ...extra }
  return createError({ statusCode, statusMessage: message, data })
}

export function validationError(error: z.ZodError) {
  return apiError(400, 'VALIDATION_FAILED', 'the request is invalid', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
}

function invalid(path: string, message: string) {
  return apiError(400, 'VALIDATION_FAILED', 'the request is invalid', [{ path, message }])
}

export function bodyTooLarge() {
  return apiError(413, 'BODY_TOO_LARGE', `请求内容超过 ${MAX_JSON_BYTES / 1024 / 1024} MB，已拒绝`)
}

/** Throws 400 when a string anywhere in `value` holds a forbidden character or it nests too deeply. */
export function assertSafeInput(value: unknown, root = ''): void {
  // A loop, not recursion: a hostile value must not be able to exhaust the stack.
  const stack: [unknown, string, number][] = [[value, root, 0]]
  while (stack.length) {
    const [node, path, depth] = stack.pop()!
    if (typeof node === 'string') {
      if (FORBIDDEN_TEXT.test(node)) throw invalid(path, '含有不允许的控制字符或无效字符')
    } else if (node && typeof node === 'object') {
      if (depth >= MAX_JSON_DEPTH) throw invalid(path, '嵌套层级过深')
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key
        if (FORBIDDEN_TEXT.test(key)) throw invalid(childPath, '含有不允许的控制字符或无效字符')
        stack.push([child, childPath, depth + 1])
      }
    }
  }
}

/** Decodes a percent-encoded URL part; broken encoding or forbidden characters are a 400. */
export function decodeUrlPart(part: string, name: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(part)
  } catch {
    throw invalid(name, '地址的百分号编码无效')
  }
  assertSafeInput(decoded, name)
  return decoded
}

export function validQuery<T extends z.ZodType>(event: H3Event, schema: T): z.output<T> {
  const query = getQuery(event)
  assertSafeInput(query)
  const parsed = schema.safeParse(query)
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}

export function validParam<T extends z.ZodType>(event: H3Event, name: string, schema: T): z.output<T> {
  const raw = getRouterParam(event, name, { decode: false })
  const parsed = schema.safeParse(raw === undefined ? undefined : decodeUrlPart(raw, name))
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}

/** The request body as JSON: at most MAX_JSON_BYTES (also when sent without a length), UTF-8, parsed strictly. */
async function readJsonBody(event: H3Event): Promise<unknown> {
  if (Number(getRequestHeader(event, 'content-length')) > MAX_JSON_BYTES) {
    event.node.req.resume()
    throw bodyTooLarge()
  }
  const req = event.node.req
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > MAX_JSON_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        reject(bodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw invalid('', '请求内容不是有效的 UTF-8 文本')
  }
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw invalid('', 'the request body is not valid JSON')
  }
}

/** The JSON body, validated; a body that is not JSON is refused like any other invalid input. */
export async function validBody<T extends z.ZodType>(event: H3Event, schema: T): Promise<z.output<T>> {
  const body = await readJsonBody(event)
  assertSafeInput(body)
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}
