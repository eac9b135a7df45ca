// Reading an open-data request and answering with a file the browser saves under its name.
import type { H3Event } from 'h3'
import { getQuery, setResponseHeaders } from 'h3'
import { compareQuerySchemas, type CompareQuery, type ListKind } from '../../shared/lists'
import { exportFilterSchemas, type ListExport } from '../../shared/open-data'
import { apiError, validQuery } from './http'

/** A file to send: what the services of downloads, exports and the import template make. */
export interface Download {
  fileName: string
  /** for clients that cannot read the RFC 5987 name */
  asciiFileName: string
  contentType: string
  body: string | Buffer
  /** where the data dictionary of a CSV is, for its Link header (a CSV has no room for it) */
  describedBy?: string
}

/** The filters of `list` from the query string, refused with 400 like any other query. */
export function validListExport(event: H3Event, list: ListKind): ListExport {
  switch (list) {
    case 'power': return { list, filters: validQuery(event, exportFilterSchemas.power) }
    case 'responsibility': return { list, filters: validQuery(event, exportFilterSchemas.responsibility) }
    case 'fund': return { list, filters: validQuery(event, exportFilterSchemas.fund) }
  }
}

/**
 * A comparison of `list` between two days from the query string: the days, the kinds of change
 * and the list's own filters. A download (`paged: false`) holds every record and takes no page.
 */
export function validCompareQuery(event: H3Event, list: ListKind, { paged = true } = {}): CompareQuery {
  const { from, to, change, page, pageSize, ...filters } = validQuery(event, compareQuerySchemas[list])
  if (!paged && ['page', 'pageSize'].some((k) => k in getQuery(event))) {
    throw apiError(400, 'VALIDATION_FAILED', 'the request is invalid', [{ path: 'page', message: '下载包含全部记录，不分页' }])
  }
  return { list, filters, from, to, change, page: paged ? page : 1, pageSize: paged ? pageSize : Number.MAX_SAFE_INTEGER } as CompareQuery
}

/** `attachment` with an ASCII name for old clients and the real one in RFC 5987 encoding. */
export function contentDisposition(download: Pick<Download, 'fileName' | 'asciiFileName'>): string {
  const encoded = encodeURIComponent(download.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${download.asciiFileName}"; filename*=UTF-8''${encoded}`
}

export function sendDownload(event: H3Event, download: Download): string | Buffer {
  setResponseHeaders(event, {
    'Content-Type': download.contentType,
    'Content-Disposition': contentDisposition(download),
    'X-Content-Type-Options': 'nosniff',
    ...(download.describedBy ? { Link: `<${download.describedBy}>; rel="describedby"; type="text/csv"` } : {}),
  })
  return download.body
}
