// The portal run without DATABASE_URL keeps its database in the data folder: if that folder
// cannot be written, or another process holds it, say so in one line and exit, instead of
// failing every request later (or, worse, losing writes to the other process).
import { checkDataDir, DataDirError, lockDataDir } from '../utils/data-dir'

export default defineNitroPlugin(() => {
  const config = loadConfig()
  if (config.databaseUrl) return
  checkDataDir(config.pgliteDir).then(() => lockDataDir(config.dataDir)).catch((error: Error) => {
    console.error(error instanceof DataDirError ? error.message : error)
    process.exit(1)
  })
})
