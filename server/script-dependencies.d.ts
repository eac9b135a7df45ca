// The client build's scripts per module (modules/lazy-hydration-preloads.ts writes it for the server's bundle).
declare module '#script-dependencies' {
  const build: import('./utils/lazy-preloads').ScriptDependencies
  export default build
}
