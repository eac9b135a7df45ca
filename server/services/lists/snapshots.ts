// The public fields of a record as one plain object: what RecordVersion stores, what the
// history diff compares and what the open data exports.
import type { AccountabilityCase, Duty, FundAllocation, PowerItem, SpecialFund } from '../../generated/prisma/client'

export function powerItemSnapshot(item: PowerItem & { department?: { name: string } }) {
  return {
    code: item.code,
    name: item.name,
    aliases: item.aliases,
    type: item.type,
    departmentId: item.departmentId,
    department: item.department?.name,
    groupName: item.groupName,
    legalBasis: item.legalBasis,
    level: item.level,
    timeLimit: item.timeLimit,
    fees: item.fees,
    contact: item.contact,
    status: item.status,
    delegatedToLevel: item.delegatedToLevel,
    delegatedToDepartmentId: item.delegatedToDepartmentId,
    mergedIntoId: item.mergedIntoId,
    statusDocumentNo: item.statusDocumentNo,
  }
}

export type PowerItemSnapshot = ReturnType<typeof powerItemSnapshot>

/** A duty with its accountability cases: the cases are part of what was published. */
export function dutySnapshot(duty: Duty & { accountabilityCases: AccountabilityCase[] }) {
  return {
    code: duty.code,
    kind: duty.kind,
    departmentId: duty.departmentId,
    powerItemId: duty.powerItemId,
    title: duty.title,
    content: duty.content,
    basis: duty.basis,
    status: duty.status,
    isDemo: duty.isDemo,
    cases: [...duty.accountabilityCases].sort((a, b) => a.sortOrder - b.sortOrder).map((c) => ({ content: c.content, basis: c.basis })),
  }
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
