// The built portal with the real data as the reform office's cockpit tests meet it: the demo
// accounts of the office, two departments' editors and the auditor signed in, and those
// departments' ids.
import { startPortalWithRealData, type Portal } from './portal'
import { signIn } from './session'
import { openDatabase } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'

export interface Cockpit {
  portal: Portal
  /** session cookies: the reform office, the police's and civil affairs' editors, the auditor */
  cookies: { reform: string; police: string; civil: string; auditor: string }
  policeId: number
  civilId: number
}

export async function startCockpit(): Promise<Cockpit> {
  const { portal, config } = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  const db = await openDatabase(config)
  let ids: { policeId: number; civilId: number }
  try {
    await ensureDemoAccounts(db.prisma)
    const id = async (name: string) => (await db.prisma.department.findUniqueOrThrow({ where: { name } })).id
    ids = { policeId: await id('区公安分局'), civilId: await id('区民政局') }
  } finally {
    await db.close()
  }
  const cookies = {
    reform: await signIn(portal, 'reform.office', DEMO_PASSWORD),
    police: await signIn(portal, 'police.editor', DEMO_PASSWORD),
    civil: await signIn(portal, 'civil.editor', DEMO_PASSWORD),
    auditor: await signIn(portal, 'auditor', DEMO_PASSWORD),
  }
  return { portal, cookies, ...ids }
}
