import { recordCodeSchema } from '../../../../shared/lists'
import { getDepartment } from '../../../services/lists/departments'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const code = validParam(event, 'code', recordCodeSchema)
  const department = await getDepartment(db, code)
  if (!department) throw apiError(404, 'DEPARTMENT_NOT_FOUND', `没有编码为 ${code} 的部门`)
  return department
})
