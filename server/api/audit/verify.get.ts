import { verifyAuditChain } from '../../services/audit'

/** Recomputes the whole hash chain and names the first entry that is wrong, missing or out of order. */
export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'audit:verify')
  return verifyAuditChain(db)
})
