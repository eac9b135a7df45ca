import type { Db } from '../../utils/prisma'
import type { ListStatistics } from '../../../shared/items'
import { countedOnce } from './paging'

export async function listStatistics(db: Db): Promise<ListStatistics> {
  const { fundYear, counts: [powerItems, publicServices, duties, funds, departments, fundSum] } = await countedOnce(['statistics'], async () => {
    const newest = await db.specialFund.aggregate({ _max: { year: true } })
    const fundYear = newest._max.year
    // Funds of different years are not added together: the headline is the newest year's.
    const ofYear = { year: fundYear ?? undefined }
    const counts = await Promise.all([
      db.powerItem.count({ where: { type: { not: 'PUBLIC_SERVICE' }, status: { not: 'CANCELLED' } } }),
      db.powerItem.count({ where: { type: 'PUBLIC_SERVICE', status: { not: 'CANCELLED' } } }),
      db.duty.count(),
      db.specialFund.count({ where: ofYear }),
      db.department.count(),
      db.specialFund.aggregate({ where: ofYear, _sum: { amount: true } }),
    ])
    return { fundYear, counts }
  })
  return { powerItems, publicServices, duties, funds, fundYear, departments, fundTotalWan: fundSum._sum.amount?.toFixed(2) ?? '0.00' }
}
