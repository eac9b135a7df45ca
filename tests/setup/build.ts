// The end-to-end tests run the production build: `nuxt build` once per run (E2E_BUILD=0 skips it
// and uses the .output already there).
import { buildPortal } from '../helpers/portal'

export default function setup() {
  if (process.env.E2E_BUILD !== '0') buildPortal()
}
