// The public fields of a record as one plain object: what RecordVersion stores, what the
// history diff compares and what the open data exports.
import type { AccountabilityCase, Duty, FundAllocation, PowerItem, SpecialFund } from '../../generated/prisma/client'
import type { DutyView, PowerItemFields } from '../../../shared/items'

/** The fields of a power item that an editor keeps, from the record or a snapshot of it. */
export function powerItemFields(item: PowerItemFields): PowerItemFields {
  const { code, name, aliases, type, groupName, legalBasis, level, timeLimit, fees, contact } = item
  return { code, name, aliases, type, groupName, legalBasis, level, timeLimit, fees, contact }
}

/** A duty as the public reads it, with its cases in the order given. */
export function dutyView(duty: Omit<DutyView, 'cases'> & { accountabilityCases: { content: string; basis: string | null }[] }): DutyView {
  return {
    code: duty.code,
    kind: duty.kind,
    title: duty.title,
    content: duty.content,
    basis: duty.basis,
    status: duty.status,
    isDemo: duty.isDemo,
    cases: duty.accountabilityCases.map((c) => ({ content: c.content, basis: c.basis })),
  }
}

export function powerItemSnapshot(item: PowerItem & { department?: { name: string } }) {
  return {
    ...powerItemFields(item),
    type: item.type,
    departmentId: item.departmentId,
    department: item.department?.name,
    status: item.status,
    delegatedToLevel: item.delegatedToLevel,
    delegatedToDepartmentId: item.delegatedToDepartmentId,
    mergedIntoId: item.mergedIntoId,
    statusDocumentNo: item.statusDocumentNo,
  }
}

export type PowerItemSnapshot = ReturnType<typeof powerItemSnapshot>

/** A duty with its accountability cases: the cases are part of what was published. */
export function dutySnapshot(duty: Duty & { accountabilityCases: Pick<AccountabilityCase, 'sortOrder' | 'content' | 'basis'>[] }) {
  const accountabilityCases = [...duty.accountabilityCases].sort((a, b) => a.sortOrder - b.sortOrder)
  return { ...dutyView({ ...duty, accountabilityCases }), departmentId: duty.departmentId, powerItemId: duty.powerItemId }
}
export type DutySnapshot = ReturnType<typeof dutySnapshot>

/** A fund with its published allocations; amounts as decimal strings so JSON keeps every cent. */
export function fundSnapshot(fund: SpecialFund & { allocations: FundAllocation[] }) {
  return {
    code: fund.code,
    seriesCode: fund.seriesCode,
    name: fund.name,
    departmentId: fund.departmentId,
    year: fund.year,
    amount: fund.amount.toFixed(2),
    legalBasis: fund.legalBasis,
    purpose: fund.purpose,
    recipients: fund.recipients,
    allocationMethod: fund.allocationMethod,
    performanceTargets: fund.performanceTargets,
    periodStart: fund.periodStart,
    periodEnd: fund.periodEnd,
    howToApply: fund.howToApply,
    status: fund.status,
    isDemo: fund.isDemo,
    allocations: [...fund.allocations].sort((a, b) => a.id - b.id).map((a) => ({
      recipient: a.recipient,
      amount: a.amount.toFixed(2),
      project: a.project,
      publishedOn: a.publishedOn.toISOString().slice(0, 10),
    })),
  }
}
export type FundSnapshot = ReturnType<typeof fundSnapshot>
