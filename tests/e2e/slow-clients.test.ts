// One client holding thousands of slow connections once exhausted the portal's file descriptors.
// The built portal now keeps a client address to MAX_CONNECTIONS_PER_CLIENT open connections (20
// here): the next ones are closed at once, while other clients are served as usual.
import net from 'node:net'
import http from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDatabase, migrate, testConfig } from '../helpers/services'
import { startPortal, type Portal } from '../helpers/portal'

const CAP = 20
let portal: Portal
const sockets: net.Socket[] = []

beforeAll(async () => {
  const url = await createDatabase()
  await migrate(url)
  portal = await startPortal(testConfig(url), { MAX_CONNECTIONS_PER_CLIENT: String(CAP) })
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await portal?.stop()
})

/** A connection that sends half a request and then nothing, as a slow client does; resolves once connected. */
function slowClient(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.1' }, () => {
      socket.write('GET /api/health HTTP/1.1\r\nHost: portal\r\n')
      resolve({ socket, closed })
    })
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.on('error', () => {})
    socket.once('error', reject)
    sockets.push(socket)
  })
}

function healthFrom(localAddress: string): Promise<number> {
  const { port } = new URL(portal.url)
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/api/health', localAddress, agent: false }, (res) => {
      res.resume()
      resolve(res.statusCode!)
    }).on('error', reject)
  })
}

it('closes a client\'s connections beyond its cap at once, and serves other clients meanwhile', { timeout: 60_000 }, async () => {
  const port = Number(new URL(portal.url).port)
  const clients = []
  for (let i = 0; i < CAP + 10; i++) clients.push(await slowClient(port))
  const closedSoon = await Promise.all(clients.map((c) => Promise.race([c.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))])))
  // The cap counts every connection of the address (the test's own kept-alive one included).
  expect(closedSoon.slice(CAP)).toEqual(Array.from({ length: 10 }, () => true))
  expect(closedSoon.filter((closed) => !closed).length).toBeGreaterThanOrEqual(CAP - 2)

  // Another address is served while the first holds its connections.
  expect(await healthFrom('127.0.0.2')).toBe(200)
  // Once the slow connections are gone, the first address is served again.
  for (const c of clients) c.socket.destroy()
  await Promise.all(clients.map((c) => c.closed))
  await new Promise((r) => setTimeout(r, 100))
  expect(await healthFrom('127.0.0.1')).toBe(200)
})
