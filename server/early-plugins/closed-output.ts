// When whatever reads the portal's output goes away (a log collector restarting, `npm start | tee`
// ended, a closed terminal), writing a log line fails with EPIPE. Unhandled, that error became an
// uncaught exception, which nitro logs to the same closed output: a loop that answered no request,
// kept a core busy, grew the heap by about 25 MB a second (4 GB in ten minutes) and left SIGTERM
// unanswered (tests/e2e/faults.test.ts).
// The portal keeps serving and drops the lines it can no longer write; the first loss is said on
// the other output while that one still works. Registered in nuxt.config.ts (nitro.plugins) so
// that it comes before any plugin that logs.
export default defineNitroPlugin(() => {
  const outputs = [['stdout', process.stdout, process.stderr], ['stderr', process.stderr, process.stdout]] as const
  for (const [name, stream, other] of outputs) {
    let lost = false
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (lost) return
      lost = true
      if (!other.destroyed) other.write(`[output] ${name} can no longer be written (${error.code ?? error.message}): its lines are dropped from now on\n`)
    })
  }
})
