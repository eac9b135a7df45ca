// A real SMTP server (smtp-server) on 127.0.0.1 for the mail tests, keeping every message it
// accepts, decoded: recipients, subject, headers and the text body.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail { to: string[]; subject: string; headers: Record<string, string>; text: string }

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) => (enc.toLowerCase() === 'b'
    ? Buffer.from(data, 'base64').toString('utf8')
    : decodeQuoted(data.replace(/_/g, ' '))))
}

function decodeQuoted(text: string): string {
  const bytes: number[] = []
  const raw = text.replace(/=\r?\n/g, '')
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '=' && /^[0-9A-F]{2}$/i.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(raw[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n')
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = Object.fromEntries(headerText.split('\r\n').map((line) => {
    const i = line.indexOf(':')
    return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()]
  }))
  const body = raw.slice(split + 4)
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase()
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuoted(body) : body
  return { to, subject: decodeWords(headers.subject ?? ''), headers, text: text.replace(/\r\n/g, '\n') }
}

export interface SmtpSink { url: string; received: ReceivedMail[]; close: () => Promise<void> }

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
