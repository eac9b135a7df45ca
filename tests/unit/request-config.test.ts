import { describe, expect, it } from 'vitest'
import { amendRequestConfig, requestConfig } from '../../server/utils/request-config'

type RuntimeConfig = Parameters<typeof requestConfig>[0]

function sharedConfig() {
  let oauthReads = 0
  const oauth = { github: { clientId: '', clientSecret: '' } }
  const config = {
    app: { baseURL: '/' },
    public: { i18n: { baseUrl: '', locales: [{ code: 'zh-CN' }, { code: 'en' }] } },
    get oauth() {
      oauthReads++
      return oauth
    },
  }
  return { config: config as unknown as RuntimeConfig, oauthReads: () => oauthReads }
}

describe("a request's copy of the runtime config", () => {
  amendRequestConfig('public', (section) => {
    (section.i18n as { baseUrl?: string }).baseUrl = 'https://qingdan.example.gov.cn'
  })

  it('has the site address set by the amendment, while the shared config keeps its own', () => {
    const { config } = sharedConfig()
    const own = requestConfig(config)
    expect((own.public.i18n as { baseUrl?: string }).baseUrl).toBe('https://qingdan.example.gov.cn')
    expect((config.public.i18n as { baseUrl?: string }).baseUrl).toBe('')
  })

  it('is its own: what one request changes, neither the shared config nor another request sees', () => {
    const { config } = sharedConfig()
    const first = requestConfig(config)
    const second = requestConfig(config);
    (first.public.i18n as { locales: unknown[] }).locales.push({ code: 'fr' })
    first.app.baseURL = '/changed/'
    expect((second.public.i18n as { locales: unknown[] }).locales).toHaveLength(2)
    expect((config.public.i18n as { locales: unknown[] }).locales).toHaveLength(2)
    expect(second.app.baseURL).toBe('/')
    expect(config.app.baseURL).toBe('/')
  })

  it('copies a section only when the request reads it, and lists and serialises every section', () => {
    const { config, oauthReads } = sharedConfig()
    const own = requestConfig(config)
    void own.public
    expect(oauthReads()).toBe(0)
    expect(Object.keys(own)).toEqual(['app', 'public', 'oauth'])
    expect(JSON.parse(JSON.stringify(own)).oauth).toEqual({ github: { clientId: '', clientSecret: '' } })
    expect(oauthReads()).toBe(1)
  })

  it('takes a section set by the request as it is', () => {
    const { config } = sharedConfig()
    const own = requestConfig(config)
    const replaced = { baseURL: '/other/' } as RuntimeConfig['app']
    own.app = replaced
    expect(own.app).toBe(replaced)
  })
})
