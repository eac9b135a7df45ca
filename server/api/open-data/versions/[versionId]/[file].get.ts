import { versionFileSchema, versionIdSchema } from '../../../../../shared/open-data'
import { noQuerySchema } from '../../../../../shared/query'
import { changesDownload, versionListDownload } from '../../../../services/open-data/downloads'

/** /api/open-data/versions/{id}/{list}.{format}: a list as published in that version; changes.{format}: what the version changed. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const versionId = validParam(event, 'versionId', versionIdSchema)
  const { list, format } = validParam(event, 'file', versionFileSchema)
  const request = list === 'changes' ? null : validListExport(event, list)
  if (!request) validQuery(event, noQuerySchema)
  const download = request ? await versionListDownload(db, request, format, versionId) : await changesDownload(db, versionId, format)
  if (!download) throw apiError(404, 'VERSION_NOT_FOUND', `没有编号为 ${versionId} 的已发布清单版本`)
  return sendDownload(event, download)
})
