// The mail worker every portal process runs: composes the mails that are due, then sends them,
// every few seconds and at once when woken. Its state is all in PostgreSQL (cursors, outbox),
// so a restart picks up where it stopped and several processes share the work without doubles.
import type { Db } from '../../utils/prisma'
import type { MailSettings } from '../../utils/mail'
import type { SearchHandle } from './changes'
import { composeDue, SETTLE_MS } from './compose'
import { sendDue, type Sender } from './send'

export interface MailWorker { wake: () => void; stop: () => Promise<void> }

export interface MailWorkerOptions { intervalMs?: number; settleMs?: number; onError?: (message: string) => void }

export function startMailWorker(db: Db, search: SearchHandle | null, settings: MailSettings, sender: Sender, options: MailWorkerOptions = {}): MailWorker {
  const intervalMs = options.intervalMs ?? 15_000
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    clearTimeout(timer)
    running = running.then(async () => {
      try {
        await composeDue(db, search, settings, new Date(), options.settleMs ?? SETTLE_MS)
        if (!stopped) await sendDue(db, sender)
      } catch (error) {
        options.onError?.(error instanceof Error ? error.message : String(error))
      }
      clearTimeout(timer)
      if (!stopped) timer = setTimeout(tick, intervalMs)
    })
  }
  tick()
  return {
    wake: tick,
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
