// npm run admin:create -- <username>: the first administrator of a portal (there is no default
// account outside demo mode). The password comes from ADMIN_PASSWORD, or is asked for twice
// on a terminal without echo; a password that fails the policy is refused. Audited.
import { usernameSchema, passwordPolicyProblem } from '../shared/auth'
import { loadConfig } from '../server/utils/config'
import { openMigratedDatabase } from './lib/runtime'
import { createAccount } from '../server/services/admin/users'
import { AccountError } from '../server/services/auth/errors'

function fail(message: string): never {
  console.error(`admin:create: ${message}`)
  process.exit(1)
}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin
    process.stdout.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let answer = ''
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false)
          stdin.pause()
          stdin.off('data', onData)
          process.stdout.write('\n')
          resolve(answer)
          return
        }
        if (ch === '\u0003') process.exit(130)
        answer = ch === '\u007f' ? answer.slice(0, -1) : answer + ch
      }
    }
    stdin.on('data', onData)
  })
}

const parsed = usernameSchema.safeParse(process.argv[2] ?? '')
if (!parsed.success) fail(`usage: npm run admin:create -- <username> (${parsed.error.issues[0]!.message})`)
const username = parsed.data

let password = process.env.ADMIN_PASSWORD
if (!password) {
  if (!process.stdin.isTTY) fail('set ADMIN_PASSWORD, or run on a terminal to be asked for the password')
  password = await askHidden(`password for ${username}: `)
  if ((await askHidden('again: ')) !== password) fail('the two passwords differ')
}
const problem = passwordPolicyProblem(username, password)
if (problem) fail(`password refused: ${problem}`)

const db = await openMigratedDatabase(loadConfig())
try {
  const user = await createAccount(db.prisma, { id: null, username: 'admin:create', role: null, departmentId: null }, {
    username,
    displayName: process.env.ADMIN_DISPLAY_NAME || '系统管理员',
    role: 'ADMIN',
    departmentId: null,
    password,
    mustChangePassword: false,
  })
  console.log(`administrator ${user.username} created (id ${user.id})`)
} catch (error) {
  await db.close()
  fail(error instanceof AccountError ? error.message : (error as Error).message)
}
await db.close()
