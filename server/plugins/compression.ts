// Every text answer the server makes (pages, JSON, CSV, feeds) goes out compressed when the
// client asks for it, whoever is in front of the portal; see server/utils/compression.ts.
import type { H3Event } from 'h3'
import { answerBytes, compressedAnswer } from '../utils/answers'

export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('beforeResponse', async (event: H3Event, response: { body?: unknown }) => {
    const bytes = answerBytes(event, response.body)
    if (!bytes) return
    response.body = await compressedAnswer(event, bytes)
  })
})
