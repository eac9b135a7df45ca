// What `npm start` does once the portal runs: it lives exactly as long as the server. A launcher
// left running without its server (killed, or dead of running out of memory) keeps Meilisearch
// up and tells a supervisor that all is well, so none restarts it.
import type { ChildProcess } from 'node:child_process'
import type { MeilisearchProcess } from './meilisearch-process'

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** How long the server has to finish its requests before it is killed. */
const SERVER_GRACE_MS = 10_000

type Ended = { code: number | null; signal: NodeJS.Signals | null }

function ended(child: ChildProcess): Promise<Ended> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

/**
 * Resolves with the launcher's exit code once the server and Meilisearch are both gone: 0 when
 * the launcher was asked to stop (SIGINT, SIGTERM or SIGHUP), else non-zero: the server's own
 * code, or 1 when it was killed by a signal, exited 0 unasked, or Meilisearch ended under it.
 * A second stop signal while stopping kills both at once.
 */
export function superviseServer(server: ChildProcess, meili: MeilisearchProcess | undefined, log: (line: string) => void): Promise<number> {
  const serverEnded = ended(server)
  return new Promise((resolve) => {
    let stopping = false
    const stop = async (code: number, why: string) => {
      stopping = true
      log(why)
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM')
        setTimeout(() => server.kill('SIGKILL'), SERVER_GRACE_MS).unref()
      }
      await serverEnded
      await meili?.stop()
      for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal)
      resolve(code)
    }
    const onSignal = (signal: NodeJS.Signals) => {
      if (!stopping) return void stop(0, `${signal}: stopping the portal and Meilisearch`)
      log(`${signal} again: killing the portal and Meilisearch`)
      server.kill('SIGKILL')
      meili?.child.kill('SIGKILL')
    }
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal)
    void serverEnded.then(({ code, signal }) => {
      if (!stopping) void stop(code || 1, `the portal ended (${signal ? `killed by ${signal}` : `exit code ${code}`}); stopping Meilisearch`)
    })
    if (meili) {
      void ended(meili.child).then(({ code, signal }) => {
        if (!stopping) void stop(1, `Meilisearch ended (${signal ? `killed by ${signal}` : `exit code ${code}`}); stopping the portal`)
      })
    }
  })
}

/**
 * Before the server runs (migrating, importing, indexing): a stop signal stops Meilisearch and
 * ends the start, instead of leaving Meilisearch running without its launcher. Returns the
 * function that hands signals over to superviseServer.
 */
export function stopMeilisearchOnSignal(meili: MeilisearchProcess | undefined, log: (line: string) => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping Meilisearch`)
    void (meili?.stop() ?? Promise.resolve()).then(() => process.exit(0))
  }
  for (const signal of STOP_SIGNALS) process.once(signal, onSignal)
  return () => { for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal) }
}
