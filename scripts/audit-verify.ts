// npm run audit:verify: recomputes the audit log's hash chain and names the first entry that
// is wrong, missing or out of order; with AUDIT_HMAC_KEY set, also an entry without a valid HMAC
// (one appended by someone who could write to the database but does not hold the key).
// Exit code 1 when the chain is broken.
import { loadConfig } from '../server/utils/config'
import { verifyAuditChain } from '../server/services/audit'
import { openMigratedDatabase } from './lib/runtime'

const config = loadConfig()
const db = await openMigratedDatabase(config)
let exitCode = 0
try {
  const result = await verifyAuditChain(db.prisma)
  if (result.ok) {
    console.log(`audit log intact: ${result.entries} entries, chain verified${config.auditHmacKey ? ', HMAC checked' : ' (no AUDIT_HMAC_KEY: entries appended at the end by a database writer would not be detected)'}`)
  } else {
    exitCode = 1
    console.error(`audit log BROKEN at entry ${result.firstBad!.seq}: ${result.firstBad!.problem} (${result.entries} entries verified before it)`)
  }
} finally {
  await db.close()
}
process.exit(exitCode)
