/** A spreadsheet of the editor's own department's special funds: checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler((event) => importSheetUpload(event, 'fund'))
