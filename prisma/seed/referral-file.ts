// The starting rows of the table of needs handled elsewhere (data/referrals.json).
import { z } from 'zod'
import { referralInputSchema, type ReferralInput } from '../../shared/search-curation'
import { ImportFileError } from './source-file'

const fileSchema = z.object({ about: z.string().optional(), referrals: z.array(referralInputSchema).max(1000) })

export function parseReferralFile(text: string): ReferralInput[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(`the referrals file is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = fileSchema.safeParse(data)
  if (!parsed.success) {
    throw new ImportFileError('the referrals file is malformed; nothing was imported',
      parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  return parsed.data.referrals
}
