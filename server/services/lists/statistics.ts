import type { Db } from '../../utils/prisma'
import type { ListStatistics } from '../../../shared/items'
import { countedOnce } from './paging'

export async function listStatistics(db: Db): Promise<ListStatistics> {
  const [powerItems, publicServices, duties, funds, departments, fundSum] = await countedOnce(['statistics'], () => Promise.all([
    db.powerItem.count({ where: { type: { not: 'PUBLIC_SERVICE' }, status: { not: 'CANCELLED' } } }),
    db.powerItem.count({ where: { type: 'PUBLIC_SERVICE', status: { not: 'CANCELLED' } } }),
    db.duty.count(),
    db.specialFund.count(),
    db.department.count(),
    db.specialFund.aggregate({ _sum: { amount: true } }),
  ]))
  return { powerItems, publicServices, duties, funds, departments, fundTotalWan: fundSum._sum.amount?.toFixed(2) ?? '0.00' }
}
