// Reading one uploaded file from a multipart/form-data request without holding more than the
// limit in memory: a Content-Length over it is refused before the body is read, and a body that
// grows past it while streaming (chunked, or a lying Content-Length) is cut off at the limit.
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { apiError } from './http'

/** Room for the multipart boundaries and part headers around the file itself. */
const ENVELOPE_BYTES = 64 * 1024

export interface UploadedFile {
  name: string
  data: Uint8Array
}

class BodyTooLarge extends Error {}

export async function readUploadedFile(event: H3Event, field: string, maxBytes: number, tooLarge: (bytes: number) => Error): Promise<UploadedFile> {
  const contentType = getRequestHeader(event, 'content-type') ?? ''
  if (!/^multipart\/form-data;/i.test(contentType)) throw apiError(400, 'NO_FILE', '请以 multipart/form-data 上传文件')
  const declared = Number(getRequestHeader(event, 'content-length'))
  if (declared > maxBytes + ENVELOPE_BYTES) {
    // Read and drop the rest, so that the client, still sending, receives the answer.
    event.node.req.resume()
    throw tooLarge(declared)
  }
  let received = 0
  const limited = new ReadableStream<Uint8Array>({
    start(controller) {
      const req = event.node.req
      req.on('data', (chunk: Buffer) => {
        received += chunk.byteLength
        if (received > maxBytes + ENVELOPE_BYTES) {
          controller.error(new BodyTooLarge())
          req.removeAllListeners('data')
          req.resume()
          return
        }
        controller.enqueue(new Uint8Array(chunk))
      })
      req.on('end', () => controller.close())
      req.on('error', (error) => controller.error(error))
    },
  })
  let form: FormData
  try {
    form = await new Response(limited, { headers: { 'content-type': contentType } }).formData()
  } catch (error) {
    if (error instanceof BodyTooLarge || received > maxBytes + ENVELOPE_BYTES) throw tooLarge(received)
    throw apiError(400, 'NO_FILE', '上传的内容无法读取，请重新选择文件')
  }
  const file = form.get(field)
  if (!file || typeof file === 'string') throw apiError(400, 'NO_FILE', '请选择要导入的文件')
  if (file.size > maxBytes) throw tooLarge(file.size)
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }
}
