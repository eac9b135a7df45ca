// pg's warning that a query was sent on a connection while another already waited for it: seen in
// a test file's own process (tests/setup/pg-warnings.ts) or in the output of a portal it started
// (helpers/portal.ts). The setup file fails the test file when any was seen.
export const PG_OVERLAP = /already executing a query/

export const overlapping: string[] = []

export function noteOverlap(where: string, text: string): void {
  overlapping.push(`${where}: ${text}`)
}
