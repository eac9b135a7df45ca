// The portal run without DATABASE_URL keeps its database in the data folder: if that folder
// cannot be written, say so in one line and exit, instead of failing every request later.
import { checkDataDir, DataDirError } from '../utils/data-dir'

export default defineNitroPlugin(() => {
  const config = loadConfig()
  if (config.databaseUrl) return
  checkDataDir(config.pgliteDir).catch((error: Error) => {
    console.error(error instanceof DataDirError ? error.message : error)
    process.exit(1)
  })
})
