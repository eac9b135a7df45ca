// Sessions are sealed with NUXT_SESSION_PASSWORD. Without a long enough one no login could
// work (or, worse, a guessable one would let anyone forge a session): refuse to start instead.
export default defineNitroPlugin(() => {
  const password = loadConfig().sessionPassword
  if (!password || password.length < 32) {
    throw new Error('NUXT_SESSION_PASSWORD must be set to a secret of 32 characters or more (npm start generates one in the data folder; in production set it to the same value on every portal process)')
  }
})
