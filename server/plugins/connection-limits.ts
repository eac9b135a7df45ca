// What one client can hold open on the Node server: about 20,000 slow connections from one
// address once exhausted the process's file descriptors. Nitro creates the HTTP server after the
// plugins run and offers no hook to configure it, so its timeouts are set, and each connection
// counted, when Node announces a new connection (diagnostics channel `net.server.socket`). The
// proxy in front has its own limits (docs/SECURITY.md, "Slow clients").
import { subscribe } from 'node:diagnostics_channel'
import { Server } from 'node:http'
import type { Socket } from 'node:net'

/** Node's defaults are 60 s for the headers and 300 s for the whole request. */
const SERVER_TIMEOUTS = {
  /** to send the request line and headers; Node checks every 30 s, so a slow client is cut within 50 s */
  headersTimeout: 20_000,
  /** to send the whole request, body included: a 5 MB upload over a slow line */
  requestTimeout: 120_000,
  /** an idle kept-alive connection is closed after this (a proxy must give up on it sooner) */
  keepAliveTimeout: 5_000,
} as const

export default defineNitroPlugin(() => {
  const { maxConnectionsPerClient } = loadConfig()
  const configured = new WeakSet<Server>()
  const open = new Map<string, number>()
  subscribe('net.server.socket', (message) => {
    const socket = (message as { socket: Socket & { server?: unknown } }).socket
    const server = socket.server
    if (!(server instanceof Server)) return
    if (!configured.has(server)) {
      configured.add(server)
      Object.assign(server, SERVER_TIMEOUTS)
    }
    if (!maxConnectionsPerClient) return
    const client = socket.remoteAddress ?? ''
    const count = (open.get(client) ?? 0) + 1
    if (count > maxConnectionsPerClient) {
      socket.destroy()
      return
    }
    open.set(client, count)
    socket.once('close', () => {
      const left = open.get(client)! - 1
      if (left) open.set(client, left)
      else open.delete(client)
    })
  })
})
