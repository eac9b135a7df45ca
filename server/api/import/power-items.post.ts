/** A spreadsheet of the editor's own department's power items: checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler((event) => importSheetUpload(event, 'power'))
