/** A spreadsheet of the editor's own department's duties (责任事项): checked (?dryRun=1) or imported as drafts. */
export default defineEventHandler((event) => importSheetUpload(event, 'duty'))
