// When whatever reads a process's output goes away (a log collector restarting, `npm start | head`
// or `| tee` ended, a closed terminal), writing a line fails with EPIPE. Unhandled, that error is an
// uncaught exception. In the portal, nitro logged it to the same closed output: a loop that answered
// no request, kept a core busy, grew the heap by about 25 MB a second (4 GB in ten minutes) and left
// SIGTERM unanswered (tests/e2e/faults.test.ts). In `npm start`'s launcher it would end the
// launcher at its first line, leaving the portal and Meilisearch without it.
//
// With this, the process goes on and drops the lines it can no longer write; the first loss is
// said on the other output while that one still works.
export function survivesClosedOutput(): void {
  const outputs = [['stdout', process.stdout, process.stderr], ['stderr', process.stderr, process.stdout]] as const
  for (const [name, stream, other] of outputs) {
    let lost = false
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (lost) return
      lost = true
      if (!other.destroyed) other.write(`[output] ${name} can no longer be written (${error.code ?? error.message}): its lines are dropped from now on\n`)
    })
  }
}
