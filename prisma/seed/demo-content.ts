// Demo (示例) content for what the real data of 广安区 lacks: the responsibility list (部门职责,
// 责任事项 and 追责情形, 事中事后监管制度, 职责边界) and the special-fund list (财政专项资金管理清单).
//
// Everything is derived deterministically from the input: each record draws from its own seeded
// PRNG (mulberry32 seeded with a hash of a scope and the record's code), inputs are sorted by code
// first, and nothing reads the clock or Math.random. The same input therefore gives byte-identical
// output on every run, whatever order the caller passes departments and items in, so running the
// import twice changes nothing. The importer marks all of it as demo content (isDemo).
//
// The texts follow how Chinese city and district governments publish these lists: the standard
// stages per power type, the standard accountability cases with their legal basis, duties by what
// each department actually is, and funds with the documents that really govern such funds.
// Amounts, allocations and recipients' names are invented; invented companies and cooperatives
// carry （示例） in their names so they cannot be mistaken for real ones.

import type { ItemTypeKey } from '../../shared/item-types'

// ---------------------------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------------------------

export interface DemoInput {
  departments: { code: string; name: string }[]
  items: { code: string; name: string; type: ItemTypeKey; departmentCode: string }[]
}

export interface DemoDuty {
  /** unique, stable: 'DUTY-P-<itemCode>' / 'DUTY-D-<deptCode>-01' / 'DUTY-S-<deptCode>-01' */
  code: string
  kind: 'DEPARTMENT_DUTY' | 'POWER_DUTY' | 'SUPERVISION'
  departmentCode: string
  /** set for POWER_DUTY only */
  powerItemCode: string | null
  title: string
  content: string
  basis: string | null
  /** 追责情形; non-empty for POWER_DUTY */
  cases: { content: string; basis: string | null }[]
}

export interface DemoBoundary {
  code: string
  title: string
  content: string
  basis: string | null
  /** 2-3 departments, exactly one lead */
  departments: { departmentCode: string; responsibility: string; isLead: boolean }[]
}

export interface DemoFund {
  code: string
  name: string
  departmentCode: string
  year: number
  /** 万元, decimal string with 2 decimals, e.g. '1250.00' */
  amount: string
  legalBasis: string
  purpose: string
  recipients: string
  allocationMethod: 'FACTOR' | 'PROJECT'
  performanceTargets: string
  periodStart: number
  periodEnd: number
  howToApply: string
  /** publishedOn is YYYY-MM-DD */
  allocations: { recipient: string; amount: string; project: string | null; publishedOn: string }[]
}

export interface DemoContent {
  duties: DemoDuty[]
  boundaries: DemoBoundary[]
  funds: DemoFund[]
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a, 32 bit: a stable hash of a string, the seed of a record's PRNG. */
function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A small PRNG (mulberry32) with the helpers the generators need. */
class Rng {
  private state: number

  constructor(scope: string, key: string) {
    // The scope keeps e.g. a department's duties and its funds on independent sequences, so
    // changing one table does not reshuffle the other.
    this.state = hashString(`${scope}|${key}`)
  }

  /** a float in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** an integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)]
    if (value === undefined) throw new Error('Rng.pick on an empty list')
    return value
  }

  /** k distinct elements (all of them if k >= length), in random order */
  sample<T>(list: readonly T[], k: number): T[] {
    const copy = [...list]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const a = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = a
    }
    return copy.slice(0, Math.min(k, copy.length))
  }

  /** k distinct elements keeping the list's own order (used where order carries meaning) */
  sampleInOrder<T>(list: readonly T[], k: number): T[] {
    const chosen = new Set(this.sample(list.map((_, i) => i), k))
    return list.filter((_, i) => chosen.has(i))
  }
}

// ---------------------------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------------------------

/** Replaces {dept} and {year} placeholders of a template text. */
function fill(template: string, values: { dept: string; year?: number }): string {
  return template.replaceAll('{dept}', values.dept).replaceAll('{year}', String(values.year ?? ''))
}

/** Quotes an item name, unless it already carries its own quotation marks. */
function quote(name: string): string {
  return name.includes('“') ? name : `“${name}”`
}

/** Plain code-point comparison: unlike localeCompare it does not depend on the ICU build. */
function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** Formats hundredths of 万元 (the unit all fund arithmetic is done in) as '1250.00'. */
function formatWan(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${pad2(hundredths % 100)}`
}

// ---------------------------------------------------------------------------------------------
// POWER_DUTY: 责任事项 and 追责情形 by power type
// ---------------------------------------------------------------------------------------------

type PowerType = Exclude<ItemTypeKey, 'PUBLIC_SERVICE'>
/** Filings (备案) are catalogued as 其他行政权力 but have stages of their own. */
type StageSet = PowerType | 'FILING'

interface Stage {
  label: string
  text: (item: string) => string
}

const OTHER_DUTIES: Stage = {
  label: '其他法律法规规章文件规定应履行的责任',
  text: (n) => `履行法律法规规章和规范性文件对${n}规定的其他责任。`,
}

const POWER_STAGES: Record<StageSet, readonly Stage[]> = {
  LICENSING: [
    { label: '受理责任', text: (n) => `公示办理${n}的依据、条件、程序、期限和需要提交的全部材料目录；申请材料不齐全或者不符合法定形式的，一次性告知申请人需要补正的全部内容；依法作出受理或者不予受理决定，不予受理的书面说明理由。` },
    { label: '审查责任', text: (n) => `对${n}的申请材料进行审查，需要对申请材料的实质内容进行核实的，指派两名以上工作人员进行现场核查；涉及申请人以外的利害关系人重大利益的，告知利害关系人并听取其意见。` },
    { label: '决定责任', text: (n) => `在法定期限内对${n}作出准予或者不予行政许可的书面决定；不予许可的，说明理由并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。` },
    { label: '送达责任', text: (n) => `准予${n}的，自作出决定之日起十日内向申请人颁发、送达许可证件或者批准文件，并依法公开许可结果。` },
    { label: '事后监管责任', text: (n) => `对取得${n}的被许可人从事许可事项的活动实施监督检查，发现违法行为依法处理，并将监督检查情况和处理结果予以记录、归档。` },
    OTHER_DUTIES,
  ],
  PENALTY: [
    { label: '立案责任', text: (n) => `对发现或者经投诉举报、移送的涉嫌${n}所列违法行为的线索进行核查，符合立案条件的在规定期限内予以立案。` },
    { label: '调查取证责任', text: (n) => `办理${n}案件，由两名以上具有行政执法资格的执法人员调查取证，出示执法证件，全面、客观、公正地收集证据，并告知当事人依法享有的权利。` },
    { label: '审查责任', text: (n) => `对${n}案件的违法事实、证据、调查取证程序、法律适用、处罚种类和幅度等进行审查；依法需要法制审核的，未经审核不得作出决定。` },
    { label: '告知责任', text: (n) => `作出${n}决定前，告知当事人拟作出的行政处罚内容及事实、理由、依据，以及依法享有的陈述、申辩和要求听证的权利。` },
    { label: '决定责任', text: (n) => `依法对${n}作出行政处罚决定，制作行政处罚决定书，载明违法事实和证据、处罚依据和内容、申请行政复议或者提起行政诉讼的途径和期限。` },
    { label: '送达责任', text: (n) => `将${n}的行政处罚决定书在宣告后当场交付当事人；当事人不在场的，在七日内依照《中华人民共和国民事诉讼法》的有关规定送达。` },
    { label: '执行责任', text: (n) => `监督当事人履行${n}的处罚决定；当事人逾期不履行的，依法加处罚款或者申请人民法院强制执行。` },
    OTHER_DUTIES,
  ],
  COERCION: [
    { label: '审批责任', text: (n) => `实施${n}前，向行政机关负责人报告并经批准；情况紧急需要当场实施的，在二十四小时内向负责人报告并补办批准手续。` },
    { label: '实施责任', text: (n) => `由两名以上行政执法人员实施${n}，出示执法身份证件，通知当事人到场，当场告知采取措施的理由、依据以及当事人依法享有的权利、救济途径，听取陈述和申辩，制作现场笔录。` },
    { label: '处理责任', text: (n) => `在法定期限内对${n}所涉财物、场所作出处理决定；不再需要采取措施的，及时解除并退还财物。` },
    { label: '事后监管责任', text: (n) => `对${n}的实施情况进行检查，妥善保管被查封、扣押的场所、设施和财物，不得使用或者损毁。` },
    OTHER_DUTIES,
  ],
  LEVY: [
    { label: '核定责任', text: (n) => `公示${n}的依据、标准、对象和程序，依法核定征收对象和应缴数额。` },
    { label: '审核责任', text: (n) => `对${n}的缴纳义务人提交的资料进行审核，对符合减免缓条件的按规定程序办理。` },
    { label: '决定责任', text: (n) => `依法作出${n}的征收决定，书面告知缴纳义务人征收数额、期限和救济途径。` },
    { label: '征收责任', text: (n) => `按照规定标准征收${n}，开具财政部门统一监制的票据，款项及时足额缴入国库。` },
    { label: '事后监管责任', text: (n) => `对${n}的缴纳情况进行跟踪管理，对欠缴、少缴的依法追缴。` },
    OTHER_DUTIES,
  ],
  BENEFIT: [
    { label: '受理责任', text: (n) => `公示${n}的给付条件、标准、程序和申请材料，对材料齐全、符合条件的依法受理，不予受理的一次性告知理由。` },
    { label: '审核责任', text: (n) => `对${n}申请人的资格条件进行审核，必要时开展入户调查或者信息比对核查，并将拟给付对象依法公示。` },
    { label: '决定责任', text: (n) => `根据审核结果在规定时限内作出${n}给付或者不予给付的决定，不予给付的书面说明理由。` },
    { label: '给付责任', text: (n) => `按照规定的标准和方式及时足额发放${n}的资金或者物资，实行社会化发放并建立给付台账。` },
    { label: '事后监管责任', text: (n) => `对${n}的给付对象实行动态管理、定期复核，对不再符合条件的依法停止给付，对以欺骗手段取得给付的依法追回。` },
    OTHER_DUTIES,
  ],
  INSPECTION: [
    { label: '检查计划责任', text: (n) => `制定${n}的年度检查计划，明确检查依据、对象、内容和方式，除法律法规另有规定外按照“双随机、一公开”方式组织实施。` },
    { label: '实施检查责任', text: (n) => `由两名以上执法人员实施${n}，出示执法证件，如实记录检查情况，不得妨碍被检查对象正常的生产经营活动。` },
    { label: '处置责任', text: (n) => `对${n}中发现的违法行为依法责令改正或者立案查处；不属于本部门管辖的，及时移送有权机关处理。` },
    { label: '信息公开责任', text: (n) => `依法公开${n}的检查结果，并将检查结果记入被检查对象的信用记录。` },
    OTHER_DUTIES,
  ],
  CONFIRMATION: [
    { label: '受理责任', text: (n) => `公示办理${n}所需的条件、程序和材料，依法受理或者不予受理申请，不予受理的说明理由。` },
    { label: '审查责任', text: (n) => `对申请${n}提交的材料进行审查，必要时进行实地核查或者组织专家论证。` },
    { label: '决定责任', text: (n) => `在规定期限内对${n}作出予以确认或者不予确认的决定，不予确认的书面告知理由和救济途径。` },
    { label: '送达责任', text: (n) => `向申请人送达${n}的确认文书或者证件，依法公开确认结果。` },
    { label: '事后监管责任', text: (n) => `对${n}的确认结果进行跟踪管理，确认所依据的事实发生变化或者以欺骗等不正当手段取得确认的，依法予以变更或者撤销。` },
    OTHER_DUTIES,
  ],
  REWARD: [
    { label: '制定方案责任', text: (n) => `根据法律法规规定制定${n}的评选方案，明确奖励条件、名额、程序和标准，并向社会公布。` },
    { label: '组织推荐责任', text: (n) => `按照评选方案组织${n}的申报和推荐，对申报材料进行收集和初审。` },
    { label: '审核评审责任', text: (n) => `对${n}的推荐对象进行审核，组织评审，提出拟奖励对象名单。` },
    { label: '公示责任', text: (n) => `对${n}的拟奖励对象进行公示，受理并核查公示期间收到的异议。` },
    { label: '表彰奖励责任', text: (n) => `按程序作出${n}的奖励决定，颁发证书或者发放奖金，并将奖励情况存档。` },
    OTHER_DUTIES,
  ],
  ADJUDICATION: [
    { label: '受理责任', text: (n) => `对当事人提出的${n}申请进行审查，符合条件的依法受理并通知被申请人，不予受理的书面告知理由。` },
    { label: '审理责任', text: (n) => `对${n}所涉争议的事实进行调查核实，听取双方当事人的陈述和申辩，必要时组织调解或者听证。` },
    { label: '裁决责任', text: (n) => `在法定期限内对${n}依法作出裁决，制作裁决书并载明裁决理由和救济途径。` },
    { label: '送达责任', text: (n) => `依法将${n}的裁决书送达双方当事人。` },
    { label: '执行责任', text: (n) => `督促当事人履行${n}的裁决；当事人逾期不履行又不申请行政复议、不提起行政诉讼的，依法申请人民法院强制执行。` },
    OTHER_DUTIES,
  ],
  OTHER_POWER: [
    { label: '受理责任', text: (n) => `公示办理${n}的依据、条件、程序和所需材料，依法受理或者不予受理，不予受理的说明理由。` },
    { label: '审查责任', text: (n) => `对${n}的申请材料进行审查，需要现场核查的，组织两名以上工作人员进行核查。` },
    { label: '决定责任', text: (n) => `在规定期限内对${n}作出办理决定，不予办理的书面说明理由并告知救济途径。` },
    { label: '送达责任', text: (n) => `将${n}的办理结果及时送达申请人，并依法予以公开。` },
    { label: '事后监管责任', text: (n) => `对${n}办理后的有关活动实施监督检查，发现问题依法处理。` },
    OTHER_DUTIES,
  ],
  FILING: [
    { label: '受理责任', text: (n) => `公示办理${n}需要提交的材料，对材料齐全、符合法定形式的当场予以接收。` },
    { label: '核对责任', text: (n) => `对${n}的备案材料进行形式核对，材料不全的一次性告知需要补正的全部内容。` },
    { label: '备案责任', text: (n) => `在规定期限内完成${n}并出具备案回执，依法公开备案信息，不得以备案之名变相实施审批。` },
    { label: '事后监管责任', text: (n) => `对${n}的备案事项开展监督检查，发现备案内容与实际不符或者存在违法行为的，依法处理。` },
    OTHER_DUTIES,
  ],
}

/** The 设定依据 cited for the duties themselves, where one law governs the procedure. */
const POWER_DUTY_BASIS: Partial<Record<StageSet, string>> = {
  LICENSING: '《中华人民共和国行政许可法》第三十条至第四十四条、第六十一条',
  PENALTY: '《中华人民共和国行政处罚法》第五章、第六章',
  COERCION: '《中华人民共和国行政强制法》第三章',
  LEVY: '《政府非税收入管理办法》',
  INSPECTION: '《国务院关于加强和规范事中事后监管的指导意见》（国发〔2019〕18号）',
}

interface CaseTemplate {
  content: string
  basis: string
}

interface CaseSet {
  /** always listed, first */
  core: readonly CaseTemplate[]
  /** 0-3 of these follow, chosen per item */
  optional: readonly CaseTemplate[]
}

const CIVIL_SERVANT_BASIS = '《中华人民共和国公务员法》第五十九条；《中华人民共和国公职人员政务处分法》第三十九条'
const GRAFT_BASIS = '《中华人民共和国公职人员政务处分法》第三十三条；《中华人民共和国监察法》'
const PRIVACY_BASIS = '《中华人民共和国公职人员政务处分法》第三十九条；《中华人民共和国个人信息保护法》'
const MISUSE_OF_FUNDS_BASIS = '《财政违法行为处罚处分条例》第六条；《中华人民共和国公职人员政务处分法》'

const GRAFT_CASE: CaseTemplate = {
  content: '在办理过程中索取或者收受他人财物，或者谋取其他利益的；',
  basis: GRAFT_BASIS,
}
const PRIVACY_CASE: CaseTemplate = {
  content: '泄露在履行职责中知悉的国家秘密、商业秘密或者个人隐私的；',
  basis: PRIVACY_BASIS,
}
const FEE_CASE: CaseTemplate = {
  content: '擅自收费或者不按照法定项目和标准收费的；',
  basis: '《中华人民共和国公务员法》第五十九条；《行政机关公务员处分条例》',
}
const LAX_SUPERVISION_CASE: CaseTemplate = {
  content: '不依法履行监督职责或者监督不力，造成严重后果的；',
  basis: CIVIL_SERVANT_BASIS,
}

/** Listed last for every power: the catch-all every published list ends with. */
const CATCH_ALL_CASE: CaseTemplate = {
  content: '其他违反法律法规规章规定，应当追究责任的情形。',
  basis: '《中华人民共和国公务员法》第五十九条、第六十一条；《行政机关公务员处分条例》；《中华人民共和国监察法》',
}

const LICENSING_LAW = '《中华人民共和国行政许可法》'

const CASE_SETS: Record<StageSet, CaseSet> = {
  LICENSING: {
    core: [
      { content: '对符合法定条件的行政许可申请不予受理的；', basis: `${LICENSING_LAW}第七十二条` },
      { content: '对不符合法定条件的申请人准予行政许可或者超越法定职权作出准予行政许可决定的；', basis: `${LICENSING_LAW}第七十四条` },
    ],
    optional: [
      { content: '对符合法定条件的申请人不予行政许可或者不在法定期限内作出准予行政许可决定的；', basis: `${LICENSING_LAW}第七十四条` },
      { content: '申请人提交的申请材料不齐全、不符合法定形式，不一次告知申请人必须补正的全部内容的；', basis: `${LICENSING_LAW}第七十二条` },
      { content: '未依法说明不受理行政许可申请或者不予行政许可的理由的；', basis: `${LICENSING_LAW}第七十二条` },
      { content: '办理行政许可、实施监督检查，索取或者收受他人财物或者谋取其他利益的；', basis: `${LICENSING_LAW}第七十三条；${GRAFT_BASIS}` },
      { content: '违法收取费用或者不按照法定项目和标准收费的；', basis: `${LICENSING_LAW}第七十五条` },
      { content: '不依法履行监督职责或者监督不力，造成严重后果的；', basis: `${LICENSING_LAW}第七十七条` },
    ],
  },
  PENALTY: {
    core: [
      { content: '没有法定的行政处罚依据，或者擅自改变行政处罚种类、幅度的；', basis: '《中华人民共和国行政处罚法》第七十六条' },
      { content: '违反法定的行政处罚程序的；', basis: '《中华人民共和国行政处罚法》第七十六条' },
    ],
    optional: [
      { content: '不使用罚款、没收财物单据或者使用非法定部门制发的罚款、没收财物单据的；', basis: '《中华人民共和国行政处罚法》第七十七条' },
      { content: '截留、私分或者变相私分罚款、没收的违法所得或者财物的；', basis: '《中华人民共和国行政处罚法》第七十九条' },
      { content: '依法应当移交司法机关追究刑事责任而不移交，以行政处罚代替刑事处罚的；', basis: '《中华人民共和国行政处罚法》第八十二条' },
      { content: '对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人或者其他组织的合法权益、公共利益和社会秩序遭受损害的；', basis: '《中华人民共和国行政处罚法》第八十三条' },
      GRAFT_CASE,
    ],
  },
  COERCION: {
    core: [
      { content: '没有法律、法规依据实施行政强制的；', basis: '《中华人民共和国行政强制法》第六十一条' },
      { content: '改变行政强制对象、条件、方式，或者违反法定程序实施行政强制的；', basis: '《中华人民共和国行政强制法》第六十一条' },
    ],
    optional: [
      { content: '扩大查封、扣押、冻结范围的；', basis: '《中华人民共和国行政强制法》第六十二条' },
      { content: '使用或者损毁查封、扣押场所、设施或者财物的；', basis: '《中华人民共和国行政强制法》第六十二条' },
      { content: '截留、私分或者变相私分查封、扣押的财物的；', basis: '《中华人民共和国行政强制法》第六十三条' },
      { content: '利用职务上的便利，将查封、扣押的场所、设施或者财物据为己有的；', basis: '《中华人民共和国行政强制法》第六十四条' },
    ],
  },
  LEVY: {
    core: [
      { content: '违反法定权限、条件和程序征收，或者擅自减征、免征、缓征的；', basis: CIVIL_SERVANT_BASIS },
      { content: '征收时不开具或者不按规定开具财政票据的；', basis: '《财政违法行为处罚处分条例》' },
    ],
    optional: [
      { content: '截留、挪用、私分征收款项的；', basis: MISUSE_OF_FUNDS_BASIS },
      GRAFT_CASE,
      PRIVACY_CASE,
    ],
  },
  BENEFIT: {
    core: [
      { content: '对符合条件的给付申请不予受理或者不予给付的；', basis: CIVIL_SERVANT_BASIS },
      { content: '对不符合条件的申请人予以给付的；', basis: CIVIL_SERVANT_BASIS },
    ],
    optional: [
      { content: '未按照规定的标准和时限发放给付资金或者物资的；', basis: CIVIL_SERVANT_BASIS },
      { content: '截留、挤占、挪用、私分给付资金或者物资的；', basis: MISUSE_OF_FUNDS_BASIS },
      GRAFT_CASE,
      PRIVACY_CASE,
    ],
  },
  INSPECTION: {
    core: [
      { content: '没有法定依据实施检查，或者违反法定程序实施检查的；', basis: CIVIL_SERVANT_BASIS },
      { content: '对检查中发现的违法行为不依法制止、处理的；', basis: CIVIL_SERVANT_BASIS },
    ],
    optional: [
      { content: '放纵、包庇违法行为，或者重复检查、随意检查，妨碍被检查对象正常生产经营的；', basis: CIVIL_SERVANT_BASIS },
      PRIVACY_CASE,
      GRAFT_CASE,
    ],
  },
  CONFIRMATION: {
    core: [
      { content: '对符合条件的申请不予受理或者不予确认的；', basis: CIVIL_SERVANT_BASIS },
      { content: '对不符合条件的申请予以确认的；', basis: CIVIL_SERVANT_BASIS },
    ],
    optional: [
      { content: '未在规定期限内作出确认决定的；', basis: CIVIL_SERVANT_BASIS },
      { content: '在确认过程中弄虚作假、出具虚假证明的；', basis: '《中华人民共和国公职人员政务处分法》第三十九条' },
      FEE_CASE,
      GRAFT_CASE,
      PRIVACY_CASE,
    ],
  },
  REWARD: {
    core: [
      { content: '不按照规定的条件和程序组织评选的；', basis: CIVIL_SERVANT_BASIS },
      { content: '对不符合条件的对象予以奖励，或者在评选中弄虚作假的；', basis: '《中华人民共和国公职人员政务处分法》第三十九条' },
    ],
    optional: [
      { content: '截留、挪用奖金或者奖品的；', basis: MISUSE_OF_FUNDS_BASIS },
      { content: '徇私舞弊、优亲厚友，造成不良影响的；', basis: CIVIL_SERVANT_BASIS },
      GRAFT_CASE,
    ],
  },
  ADJUDICATION: {
    core: [
      { content: '对符合受理条件的裁决申请不予受理的；', basis: CIVIL_SERVANT_BASIS },
      { content: '违反法定程序作出裁决，或者裁决认定事实不清、适用法律错误的；', basis: CIVIL_SERVANT_BASIS },
    ],
    optional: [
      { content: '未在法定期限内作出裁决的；', basis: CIVIL_SERVANT_BASIS },
      { content: '徇私舞弊、偏袒一方当事人的；', basis: '《中华人民共和国公职人员政务处分法》第三十九条' },
      GRAFT_CASE,
      PRIVACY_CASE,
    ],
  },
  OTHER_POWER: {
    core: [
      { content: '对符合条件的申请不予受理或者不予办理的；', basis: CIVIL_SERVANT_BASIS },
      { content: '对不符合条件的申请予以办理的；', basis: CIVIL_SERVANT_BASIS },
    ],
    optional: [
      { content: '未在规定期限内办结，或者不依法说明不予办理理由的；', basis: CIVIL_SERVANT_BASIS },
      FEE_CASE,
      GRAFT_CASE,
      LAX_SUPERVISION_CASE,
    ],
  },
  FILING: {
    core: [
      { content: '对材料齐全、符合法定形式的备案不予接收的；', basis: CIVIL_SERVANT_BASIS },
      { content: '以备案之名变相实施行政许可，增设条件或者要求提交法定材料以外材料的；', basis: `《优化营商环境条例》第四十条；${CIVIL_SERVANT_BASIS}` },
    ],
    optional: [
      { content: '未在规定期限内完成备案或者出具备案回执的；', basis: CIVIL_SERVANT_BASIS },
      FEE_CASE,
      GRAFT_CASE,
      LAX_SUPERVISION_CASE,
    ],
  },
}

function stageSetOf(type: PowerType, itemName: string): StageSet {
  if (type === 'OTHER_POWER' && itemName.includes('备案')) return 'FILING'
  return type
}

// ---------------------------------------------------------------------------------------------
// DEPARTMENT_DUTY and funds: what each department is
// ---------------------------------------------------------------------------------------------

interface DutyTemplate {
  title: string
  /** may contain {dept} */
  content: string
  basis: string | null
}

/** Who receives a fund's allocations. */
type PayeeSpec =
  /** the townships themselves; `scope` limits to 街道 (urban) or 镇/乡 (rural) */
  | { kind: 'TOWNSHIP'; scope: 'ALL' | 'STREETS' | 'TOWNS'; projects?: readonly string[] }
  /** one institution per township, e.g. 协兴镇卫生院; streets only where streetSuffix is set */
  | { kind: 'INSTITUTION'; townSuffix: string; streetSuffix?: string; projects?: readonly string[] }
  /** invented companies (广安<字号><orgType>（示例）) */
  | { kind: 'ENTERPRISE'; orgTypes: readonly string[]; projects?: readonly string[] }
  /** invented cooperatives (广安区<镇><字号><crop>专业合作社（示例）) */
  | { kind: 'COOPERATIVE'; crops: readonly string[]; projects?: readonly string[] }

interface FundTemplate {
  /** without the year; the fund's name is '<year>年<name>' */
  name: string
  legalBasis: string
  /** these four may contain {dept} and {year} */
  purpose: string
  recipients: string
  performanceTargets: string
  howToApply: string
  method: 'FACTOR' | 'PROJECT'
  /** 万元, within 20-5,000 */
  amount: readonly [number, number]
  /** implementation period in years, starting with the fund's year */
  span: 1 | 2 | 3
  /** project names may contain {town} and {crop} */
  payees: PayeeSpec
}

interface DepartmentProfile {
  /** matched as substrings of the department's name; the first matching profile wins */
  keywords: readonly string[]
  /** 3-6 部门职责 */
  duties: readonly DutyTemplate[]
  /** 2-5 for departments that run special funds, 0-1 for the rest */
  funds: readonly FundTemplate[]
  /** the sector law cited with the duties of this department's powers, for single-sector departments */
  sectorLaw?: string
}

// Text shared by the fund templates: how factor-allocated funds reach the townships.
const FACTOR_HOW_TO_APPLY =
  '本资金按因素法切块分配到镇（街道），不直接受理单位和个人申报。{dept}会同区财政局根据各镇（街道）的分配因素测算下达资金，各镇（街道）据此编制实施方案报{dept}备案后组织实施，资金分配结果在区政府门户网站公开。'

const PROFILES: readonly DepartmentProfile[] = [
  {
    keywords: ['行政审批'],
    duties: [
      { title: '相对集中行政许可', content: '依法集中行使原由区级相关部门承担的行政许可及相关行政权力事项，以本部门名义作出审批决定并承担相应法律责任。', basis: '《中华人民共和国行政许可法》第二十五条' },
      { title: '政务服务中心运行管理', content: '负责区政务服务中心的运行管理，推进政务服务事项进驻、“一窗受理、集成服务”和“一网通办”，规范窗口服务行为。', basis: '《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）' },
      { title: '审管衔接', content: '建立审批与监管衔接机制，及时将审批结果推送至行业主管部门，配合行业主管部门开展事中事后监管。', basis: '《国务院关于加强和规范事中事后监管的指导意见》（国发〔2019〕18号）' },
      { title: '工程建设项目审批制度改革', content: '牵头推进全区工程建设项目审批制度改革，实行“一张蓝图、一个系统、一个窗口、一张表单、一套机制”，压减审批时间。', basis: '《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）' },
      { title: '市场主体登记', content: '依法办理辖区各类市场主体的设立、变更、注销登记，推行企业开办全程网上办。', basis: '《中华人民共和国市场主体登记管理条例》' },
    ],
    funds: [],
  },
  {
    keywords: ['公安'],
    duties: [
      { title: '维护社会治安秩序', content: '预防、制止和侦查违法犯罪活动，防范和打击恐怖活动，维护辖区社会治安秩序，依法查处危害社会治安秩序的行为。', basis: '《中华人民共和国人民警察法》第六条' },
      { title: '户政和居民身份证管理', content: '负责辖区户口登记、迁移和居民身份证的受理、核发管理，依法出具户籍类证明。', basis: '《中华人民共和国户口登记条例》；《中华人民共和国居民身份证法》' },
      { title: '道路交通安全管理', content: '维护道路交通秩序，处理道路交通事故，负责机动车和驾驶人管理相关工作，预防和减少交通事故。', basis: '《中华人民共和国道路交通安全法》第五条' },
      { title: '治安行政管理', content: '依法对旅馆业、公章刻制业等特种行业和易制毒化学品、民用爆炸物品等危险物品实施治安管理。', basis: '《中华人民共和国治安管理处罚法》；《易制毒化学品管理条例》' },
      { title: '网络安全保卫', content: '监督管理计算机信息系统安全保护工作，依法查处网络违法犯罪活动。', basis: '《中华人民共和国网络安全法》' },
    ],
    funds: [],
    sectorLaw: '《中华人民共和国人民警察法》',
  },
  {
    keywords: ['民政'],
    duties: [
      { title: '社会救助', content: '负责全区最低生活保障、特困人员救助供养、临时救助等社会救助工作，会同有关部门建立困难群众救助统筹协调机制。', basis: '《社会救助暂行办法》' },
      { title: '养老服务', content: '统筹推进、督促指导、监督管理全区养老服务工作，拟订养老服务体系建设规划并组织实施，负责老年人福利工作。', basis: '《中华人民共和国老年人权益保障法》' },
      { title: '儿童福利', content: '负责困境儿童、事实无人抚养儿童保障和农村留守儿童关爱服务工作，指导儿童福利服务机构建设。', basis: '《国务院关于加强困境儿童保障工作的意见》（国发〔2016〕36号）' },
      { title: '社会组织登记管理', content: '依法对区级社会团体、社会服务机构进行登记和监督管理，查处社会组织违法行为。', basis: '《社会团体登记管理条例》；《民办非企业单位登记管理暂行条例》' },
      { title: '婚姻登记和殡葬管理', content: '负责婚姻登记管理和殡葬管理工作，推进婚俗改革和殡葬改革。', basis: '《婚姻登记条例》；《殡葬管理条例》' },
      { title: '行政区划和地名管理', content: '负责全区行政区划、行政区域界线和地名管理工作。', basis: '《行政区划管理条例》；《地名管理条例》' },
    ],
    funds: [
      {
        name: '困难群众救助补助资金',
        legalBasis: '《社会救助暂行办法》；《困难群众救助补助资金管理办法》',
        purpose: '用于保障城乡最低生活保障对象、特困人员的基本生活，实施临时救助和流浪乞讨人员救助，兜住兜牢基本民生底线。',
        recipients: '全区符合条件的城乡最低生活保障对象、特困人员、临时救助对象，资金按照因素法分配到各镇（街道）后发放到人到户。',
        performanceTargets: '产出指标：城乡低保、特困供养资金按月足额发放率达到100%；效益指标：符合条件的困难群众应保尽保，临时救助及时率不低于95%；满意度指标：救助对象满意度不低于90%。',
        howToApply: '困难群众向户籍所在地镇人民政府（街道办事处）提出申请，也可由村（社区）代为申请。经入户调查、信息核对、民主评议和公示后，由{dept}审核确认，救助资金通过“一卡通”社会化发放。',
        method: 'FACTOR',
        amount: [2200, 5000],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '养老服务体系建设补助资金',
        legalBasis: '《中华人民共和国老年人权益保障法》；《四川省养老服务条例》',
        purpose: '支持区域养老服务中心、社区居家养老服务站点建设和敬老院适老化改造，提升农村和社区养老服务能力。',
        recipients: '全区各镇（街道）承担养老服务设施建设、改造任务的实施单位。',
        performanceTargets: '产出指标：改造提升区域养老服务中心和社区养老服务站点不少于8个；效益指标：新增护理型床位不少于120张，特困人员集中供养意愿满足率达到100%；满意度指标：入住老年人满意度不低于90%。',
        howToApply: '各镇（街道）根据{dept}发布的年度项目申报通知，编制项目实施方案和资金预算，经{dept}会同区财政局评审、公示后确定支持项目和补助金额。',
        method: 'PROJECT',
        amount: [300, 1200],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}区域养老服务中心改造提升项目', '{town}社区居家养老服务站建设项目', '{town}敬老院适老化改造项目', '{town}老年助餐服务点建设项目'] },
      },
      {
        name: '儿童福利和未成年人保护补助资金',
        legalBasis: '《中华人民共和国未成年人保护法》；《国务院关于加强困境儿童保障工作的意见》（国发〔2016〕36号）',
        purpose: '用于发放孤儿、事实无人抚养儿童基本生活费，支持未成年人保护工作站建设和农村留守儿童关爱服务。',
        recipients: '全区孤儿、事实无人抚养儿童及其他困境儿童，镇（街道）未成年人保护工作站。',
        performanceTargets: '产出指标：孤儿和事实无人抚养儿童基本生活费按月足额发放率达到100%；效益指标：镇（街道）未成年人保护工作站覆盖率达到100%；满意度指标：受助儿童监护人满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [80, 300],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
    ],
    sectorLaw: '《社会救助暂行办法》',
  },
  {
    keywords: ['人社', '人力资源'],
    duties: [
      { title: '促进就业创业', content: '统筹城乡就业政策，负责重点群体就业、就业援助和创业扶持工作，组织实施公共就业服务。', basis: '《中华人民共和国就业促进法》' },
      { title: '社会保险', content: '统筹建立覆盖城乡的社会保险体系，组织实施养老、失业、工伤保险政策，负责社会保险待遇审核和基金监督管理。', basis: '《中华人民共和国社会保险法》' },
      { title: '劳动关系和劳动保障监察', content: '负责劳动合同、工资分配、工时和休息休假等劳动关系工作，依法查处违反劳动保障法律法规的行为，牵头根治拖欠农民工工资。', basis: '《劳动保障监察条例》；《保障农民工工资支付条例》' },
      { title: '职业能力建设', content: '负责职业技能培训、技能人才评价和职业技能竞赛工作，推进技能型社会建设。', basis: '《中华人民共和国就业促进法》第五章' },
      { title: '劳动人事争议调解仲裁', content: '依法处理劳动人事争议，指导基层劳动争议调解组织开展工作。', basis: '《中华人民共和国劳动争议调解仲裁法》' },
    ],
    funds: [
      {
        name: '就业补助资金',
        legalBasis: '《中华人民共和国就业促进法》；《就业补助资金管理办法》（财社〔2017〕164号）；《四川省就业补助资金管理办法》',
        purpose: '用于落实职业培训补贴、社会保险补贴、一次性吸纳就业补贴、就业见习补贴和公益性岗位补贴等政策，支持重点群体就业。',
        recipients: '吸纳就业困难人员、高校毕业生等重点群体就业的用人单位，承担职业培训任务的培训机构，以及符合条件的个人。',
        performanceTargets: '产出指标：城镇新增就业不少于5000人，补贴类职业培训不少于3000人次；效益指标：城镇调查失业率控制在5.5%以内，零就业家庭动态清零；满意度指标：补贴对象满意度不低于90%。',
        howToApply: '符合条件的单位登录四川省人力资源和社会保障厅网上服务平台或者到区政务服务中心人社窗口提交申请，{dept}审核并公示无异议后，将补贴资金直接拨付至申请单位银行账户。',
        method: 'PROJECT',
        amount: [600, 2500],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['建筑工程有限公司', '食品有限公司', '电子科技有限公司', '服装有限公司', '物流有限公司', '职业技能培训学校'], projects: ['吸纳就业困难人员社会保险补贴', '职业培训补贴', '一次性吸纳就业补贴', '就业见习补贴', '公益性岗位补贴'] },
      },
      {
        name: '创业担保贷款贴息及奖补资金',
        legalBasis: '《普惠金融发展专项资金管理办法》；《中华人民共和国就业促进法》',
        purpose: '对符合条件的个人和小微企业创业担保贷款给予贴息，对创业担保贷款工作成效突出的经办机构给予奖补，降低创业融资成本。',
        recipients: '在本区创业并获得创业担保贷款的个人和小微企业。',
        performanceTargets: '产出指标：新发放创业担保贷款不少于1.5亿元；效益指标：带动就业不少于1200人，贷款按期还款率不低于95%；满意度指标：借款人满意度不低于90%。',
        howToApply: '借款人向经办银行提出贷款申请，经{dept}资格审核、担保机构审核担保、经办银行审贷后发放贷款；贷款按期付息后，由经办银行按季度汇总申请贴息，{dept}会同区财政局审核拨付。',
        method: 'PROJECT',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['农业开发有限公司', '餐饮管理有限公司', '电子商务有限公司', '汽车维修服务有限公司', '家政服务有限公司'], projects: ['创业担保贷款贴息'] },
      },
      {
        name: '职业技能提升行动资金',
        legalBasis: '《职业技能提升行动方案（2019—2021年）》（国办发〔2019〕24号）；《就业补助资金管理办法》（财社〔2017〕164号）',
        purpose: '支持面向农民工、脱贫劳动力、失业人员等群体开展职业技能培训和技能评价，提升劳动者就业创业能力。',
        recipients: '纳入本区职业技能培训机构目录、承担补贴性职业技能培训任务的培训机构。',
        performanceTargets: '产出指标：开展补贴性职业技能培训不少于2000人次；效益指标：培训合格率不低于90%，培训后就业率不低于60%；满意度指标：参训学员满意度不低于90%。',
        howToApply: '培训机构在{dept}公布的年度培训计划内开班，培训结束并经评价合格后，向{dept}提交学员花名册、考勤记录和评价结果等材料申请补贴，经审核公示后拨付。',
        method: 'PROJECT',
        amount: [150, 800],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['职业技能培训学校', '职业培训学校有限公司', '人力资源服务有限公司'], projects: ['电工职业技能培训', '家政服务员培训', '中式烹调师培训', '电子商务师培训', '养老护理员培训', '农业经理人培训'] },
      },
    ],
  },
  {
    keywords: ['交通'],
    duties: [
      { title: '公路建设和养护管理', content: '负责全区农村公路的规划、建设、养护和管理，组织实施农村公路“建管养运”一体化发展。', basis: '《中华人民共和国公路法》；《农村公路养护管理办法》' },
      { title: '道路运输管理', content: '负责道路旅客运输、货物运输、机动车维修和机动车驾驶员培训行业的监督管理，维护道路运输市场秩序。', basis: '《中华人民共和国道路运输条例》' },
      { title: '水路运输和港航管理', content: '负责辖区渠江等水域的水路运输市场、港口和航道管理工作。', basis: '《国内水路运输管理条例》；《中华人民共和国港口法》' },
      { title: '城乡客运和公共交通', content: '推进城乡客运一体化，负责城市公共交通和出租汽车行业管理。', basis: '《城市公共汽电车客运管理办法》' },
      { title: '交通运输安全生产监督', content: '依法对全区交通运输行业安全生产实施监督管理，组织开展交通运输行业安全隐患排查整治。', basis: '《中华人民共和国安全生产法》' },
    ],
    funds: [
      {
        name: '农村公路建设养护补助资金',
        legalBasis: '《车辆购置税收入补助地方资金管理暂行办法》；《农村公路养护管理办法》',
        purpose: '支持通村通组公路提档升级、危旧桥梁改造、安全生命防护工程建设和农村公路日常养护，改善农村群众出行条件。',
        recipients: '全区各镇（街道）农村公路建设和养护项目的实施单位。',
        performanceTargets: '产出指标：实施农村公路提档升级不少于60公里，改造危旧桥梁不少于5座；效益指标：农村公路优良中等路率不低于85%；满意度指标：沿线群众满意度不低于90%。',
        howToApply: '各镇（街道）从农村公路建设项目库中申报年度项目，{dept}组织现场踏勘和评审，按照“先建后补、以奖代补”的方式确定补助项目和金额，项目交工验收合格后拨付补助资金。',
        method: 'PROJECT',
        amount: [800, 4000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}通村公路提档升级工程', '{town}村道安全生命防护工程', '{town}农村公路养护工程', '{town}危旧桥梁改造工程'] },
      },
      {
        name: '城乡道路客运成品油价格补助资金',
        legalBasis: '《城乡道路客运成品油价格补助专项资金管理暂行办法》',
        purpose: '对城市公交、农村客运经营者给予成品油价格补助，保障城乡客运稳定运行，巩固建制村通客车成果。',
        recipients: '在本区依法从事城市公共交通和农村客运的道路客运经营者。',
        performanceTargets: '产出指标：具备条件的建制村通客车率保持100%；效益指标：城乡客运线路稳定运行，新能源公交车占比逐年提高；满意度指标：乘客满意度不低于90%。',
        howToApply: '本资金按营运车辆数、行驶里程等因素分配，经营者按{dept}通知报送车辆和运营数据，经{dept}审核、公示后由区财政局拨付。',
        method: 'FACTOR',
        amount: [200, 900],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['公共交通有限公司', '客运有限公司', '汽车运输有限公司'] },
      },
    ],
    sectorLaw: '《中华人民共和国道路运输条例》',
  },
  {
    keywords: ['税务'],
    duties: [
      { title: '税收征收管理', content: '依法负责辖区各项税收的征收管理，组织税源管理和税收风险管理，确保税款及时足额入库。', basis: '《中华人民共和国税收征收管理法》' },
      { title: '社会保险费和非税收入征收', content: '负责辖区社会保险费和有关非税收入的征收管理工作，与人力资源社会保障、医疗保障等部门共享征缴信息。', basis: '《中华人民共和国社会保险法》；《国税地税征管体制改革方案》' },
      { title: '纳税服务', content: '宣传税收法律法规，普及纳税知识，无偿为纳税人提供纳税咨询服务，落实减税降费政策。', basis: '《中华人民共和国税收征收管理法》第七条' },
      { title: '发票和纳税信用管理', content: '负责发票管理和纳税信用评价工作，依法公布重大税收违法失信主体信息。', basis: '《中华人民共和国发票管理办法》；《纳税信用管理办法》' },
    ],
    funds: [],
    sectorLaw: '《中华人民共和国税收征收管理法》',
  },
  {
    keywords: ['住建', '住房'],
    duties: [
      { title: '建筑市场和工程质量安全监管', content: '负责全区建筑市场监督管理和房屋建筑、市政基础设施工程质量安全监督工作。', basis: '《中华人民共和国建筑法》；《建设工程质量管理条例》；《建设工程安全生产管理条例》' },
      { title: '房地产市场监管', content: '负责房地产开发、商品房销售、房屋租赁和房地产中介的监督管理，促进房地产市场平稳健康发展。', basis: '《城市房地产开发经营管理条例》' },
      { title: '住房保障', content: '负责城镇住房保障、城镇老旧小区改造和农村低收入群体住房安全保障工作。', basis: '《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》（国办发〔2020〕23号）' },
      { title: '城镇燃气行业管理', content: '负责全区城镇燃气行业管理，监督燃气经营企业落实安全生产主体责任。', basis: '《城镇燃气管理条例》' },
      { title: '物业管理', content: '负责物业服务活动的监督管理和住宅专项维修资金的管理。', basis: '《物业管理条例》' },
    ],
    funds: [
      {
        name: '城镇老旧小区改造补助资金',
        legalBasis: '《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》（国办发〔2020〕23号）；《中央财政城镇保障性安居工程补助资金管理办法》',
        purpose: '支持城镇老旧小区水电气路等基础设施改造、加装电梯、无障碍和适老化改造以及完善社区服务设施。',
        recipients: '全区纳入年度改造计划的城镇老旧小区所在街道及其项目实施单位。',
        performanceTargets: '产出指标：完成城镇老旧小区改造不少于20个、惠及居民不少于3000户；效益指标：改造小区基础设施完好率达到100%；满意度指标：小区居民满意度不低于90%。',
        howToApply: '街道会同社区征求居民意愿后申报改造项目，{dept}会同区财政局审核纳入年度改造计划，项目按进度拨付补助资金，竣工验收后清算。',
        method: 'PROJECT',
        amount: [800, 3000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'STREETS', projects: ['{town}老旧小区基础设施改造项目', '{town}老旧小区加装电梯补助项目', '{town}老旧小区雨污分流改造项目'] },
      },
      {
        name: '农村低收入群体住房安全保障补助资金',
        legalBasis: '《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》',
        purpose: '支持农村低保户、分散供养特困人员、低保边缘家庭等重点对象实施危房改造，保障其住房安全。',
        recipients: '全区农村低收入群体等重点对象中住房经鉴定为C级、D级危房的农户。',
        performanceTargets: '产出指标：完成农村危房改造不少于150户；效益指标：重点对象住房安全动态保障率达到100%；满意度指标：改造农户满意度不低于95%。',
        howToApply: '农户向所在镇人民政府提出申请，经村级评议、镇级审核、{dept}审批并公示后实施改造，竣工验收合格后由镇人民政府将补助资金直接拨付到农户“一卡通”账户。',
        method: 'FACTOR',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'TOWNS' },
      },
      {
        name: '城市燃气管道等老化更新改造补助资金',
        legalBasis: '《城市燃气管道等老化更新改造实施方案（2022—2025年）》（国办发〔2022〕22号）',
        purpose: '支持城市燃气、供水、排水管道等老化设施更新改造，消除安全隐患。',
        recipients: '纳入年度改造计划的城市管道老化更新改造项目所在街道及实施单位。',
        performanceTargets: '产出指标：更新改造老化燃气管道不少于30公里；效益指标：改造区域燃气管道安全隐患整改率达到100%；满意度指标：周边居民满意度不低于90%。',
        howToApply: '由燃气、供水等管道运营单位会同所在街道申报改造项目，{dept}组织评审后纳入年度计划，按照工程进度拨付补助资金。',
        method: 'PROJECT',
        amount: [300, 1500],
        span: 3,
        payees: { kind: 'TOWNSHIP', scope: 'STREETS', projects: ['{town}城市燃气管道老化更新改造项目', '{town}供水管网老化更新改造项目'] },
      },
    ],
  },
  {
    keywords: ['市监', '市场监'],
    duties: [
      { title: '市场主体信用监管', content: '负责市场主体信用信息归集公示、经营异常名录和严重违法失信名单管理，依法查处无照经营。', basis: '《企业信息公示暂行条例》；《无证无照经营查处办法》' },
      { title: '食品安全监督管理', content: '负责食品生产经营活动的监督管理，组织开展食品安全监督抽检，查处食品安全违法行为。', basis: '《中华人民共和国食品安全法》' },
      { title: '药品和医疗器械监督管理', content: '负责药品零售、医疗器械经营使用环节的质量监督管理。', basis: '《中华人民共和国药品管理法》；《医疗器械监督管理条例》' },
      { title: '特种设备安全监察', content: '负责锅炉、压力容器、电梯、气瓶等特种设备的安全监察，组织开展特种设备隐患排查治理。', basis: '《中华人民共和国特种设备安全法》' },
      { title: '计量、标准化和产品质量监督', content: '负责计量器具、标准化和产品质量的监督管理，组织产品质量监督抽查。', basis: '《中华人民共和国计量法》；《中华人民共和国产品质量法》' },
      { title: '消费者权益保护', content: '受理消费者投诉举报，调解消费纠纷，查处侵害消费者合法权益的行为。', basis: '《中华人民共和国消费者权益保护法》' },
    ],
    funds: [
      {
        name: '质量强区和知识产权专项资金',
        legalBasis: '《中华人民共和国产品质量法》；《中华人民共和国专利法》',
        purpose: '支持企业质量管理体系建设、品牌培育和地理标志产品保护，推动专利转化运用，提升区域质量和知识产权竞争力。',
        recipients: '在本区注册、依法纳税并取得质量、品牌、标准或者知识产权相关成果的企业和农民专业合作社。',
        performanceTargets: '产出指标：支持质量品牌和知识产权项目不少于10个；效益指标：新增有效发明专利不少于30件，新增地理标志或者知名品牌不少于2个；满意度指标：受益企业满意度不低于90%。',
        howToApply: '企业按照{dept}发布的申报通知提交申报书和成果证明材料，经{dept}初审、专家评审和公示后确定奖补对象和金额。',
        method: 'PROJECT',
        amount: [30, 200],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['食品有限公司', '机械制造有限公司', '农业科技有限公司', '新材料科技有限公司'], projects: ['地理标志产品保护和运用项目', '质量管理体系认证奖励', '专利转化运用项目', '标准制定奖励'] },
      },
    ],
  },
  {
    keywords: ['农业'],
    duties: [
      { title: '巩固拓展脱贫攻坚成果和乡村振兴', content: '统筹推进全区巩固拓展脱贫攻坚成果同乡村振兴有效衔接，组织实施防止返贫动态监测和帮扶。', basis: '《中华人民共和国乡村振兴促进法》' },
      { title: '农产品质量安全监管', content: '负责食用农产品从种植养殖环节到进入批发、零售市场或者生产加工企业前的质量安全监督管理。', basis: '《中华人民共和国农产品质量安全法》' },
      { title: '粮食和重要农产品生产', content: '负责粮食等重要农产品生产，指导高标准农田建设和耕地质量管理，监督管理种子、农药、肥料等农业投入品。', basis: '《中华人民共和国种子法》；《农药管理条例》' },
      { title: '畜牧兽医', content: '负责动物防疫、检疫和畜禽屠宰行业管理，组织重大动物疫病防控。', basis: '《中华人民共和国动物防疫法》；《生猪屠宰管理条例》' },
      { title: '农业机械化', content: '负责农业机械化推广和农业机械安全监督管理，组织实施农机购置与应用补贴。', basis: '《中华人民共和国农业机械化促进法》；《农业机械安全监督管理条例》' },
      { title: '农村经营管理', content: '负责农村土地承包经营、农村集体产权制度改革和农民专业合作社、家庭农场等新型经营主体培育。', basis: '《中华人民共和国农村土地承包法》；《中华人民共和国农民专业合作社法》' },
    ],
    funds: [
      {
        name: '财政衔接推进乡村振兴补助资金',
        legalBasis: '《中央财政衔接推进乡村振兴补助资金管理办法》（财农〔2021〕19号）；《四川省财政衔接推进乡村振兴补助资金管理办法》',
        purpose: '重点支持培育和壮大特色优势产业，补齐必要的农村人居环境整治和小型公益性基础设施建设短板，支持脱贫人口和监测对象稳定增收，巩固拓展脱贫攻坚成果。',
        recipients: '全区各镇（街道）及其所辖脱贫村，脱贫人口和防止返贫监测对象，联农带农的新型农业经营主体。',
        performanceTargets: '产出指标：支持产业发展和小型公益性基础设施项目不少于30个，项目完工率不低于95%；效益指标：用于产业发展的比例不低于60%，脱贫人口人均纯收入增幅高于全区农村居民人均可支配收入增幅；满意度指标：受益群众满意度不低于90%。',
        howToApply: '本资金按因素法切块分配到镇（街道），不直接受理个人申报。各镇（街道）从巩固拓展脱贫攻坚成果和乡村振兴项目库中择优选择项目，编制年度实施方案报{dept}、区财政局审核后组织实施，项目安排和资金使用情况在村务公开栏公告公示。',
        method: 'FACTOR',
        amount: [1800, 5000],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '现代农业园区和特色产业发展资金',
        legalBasis: '《中华人民共和国乡村振兴促进法》；《农业相关转移支付资金管理办法》',
        purpose: '支持现代农业园区基础设施、特色产业基地、产地冷藏保鲜设施建设和良种良法推广，促进农业提质增效和农民增收。',
        recipients: '在本区注册、生产经营规范、联农带农机制健全的农民专业合作社、家庭农场和农业企业。',
        performanceTargets: '产出指标：支持特色产业基地和园区建设项目不少于8个；效益指标：带动农户户均增收不低于2000元；满意度指标：带动农户满意度不低于90%。',
        howToApply: '申报主体按照{dept}发布的年度申报指南，经所在镇（街道）初审后向{dept}提交申报材料，经专家评审、实地核查和公示后确定支持项目，实行先建后补、验收拨付。',
        method: 'PROJECT',
        amount: [300, 1500],
        span: 2,
        payees: { kind: 'COOPERATIVE', crops: ['柑橘种植', '龙安柚种植', '生猪养殖', '蔬菜种植', '优质粮油', '蚕桑', '中药材种植', '水产养殖'], projects: ['{crop}标准化基地建设项目', '{crop}产业园区基础设施提升项目', '农产品产地冷藏保鲜设施建设项目', '{crop}良种繁育与绿色防控示范项目'] },
      },
      {
        name: '高标准农田建设补助资金',
        legalBasis: '《农田建设补助资金管理办法》；《高标准农田建设质量管理办法（试行）》',
        purpose: '支持土地平整、土壤改良、灌溉排水、田间道路和农田防护等高标准农田建设内容，提升耕地质量和粮食综合生产能力。',
        recipients: '纳入年度高标准农田建设任务的镇（街道）及其项目实施单位。',
        performanceTargets: '产出指标：新建和改造提升高标准农田不少于1.5万亩；效益指标：项目区亩均粮食产能提高不低于50公斤；满意度指标：项目区群众满意度不低于90%。',
        howToApply: '{dept}根据全区高标准农田建设规划确定年度建设任务，各镇（街道）组织编制项目初步设计，经{dept}评审批复后实施，工程竣工验收后按规定拨付资金。',
        method: 'PROJECT',
        amount: [800, 3000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'TOWNS', projects: ['{town}高标准农田建设项目', '{town}高标准农田改造提升项目'] },
      },
      {
        name: '动物防疫补助资金',
        legalBasis: '《中华人民共和国动物防疫法》；《动物防疫等补助经费管理办法》',
        purpose: '用于重大动物疫病强制免疫、村级动物防疫员补助和病死畜禽无害化处理，防控重大动物疫病。',
        recipients: '全区各镇（街道）畜牧兽医站、村级动物防疫员和实施病死畜禽无害化处理的单位。',
        performanceTargets: '产出指标：重大动物疫病应免畜禽免疫密度常年保持在90%以上；效益指标：不发生区域性重大动物疫情，病死猪无害化处理率达到100%；满意度指标：养殖场户满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [60, 300],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
    ],
  },
  {
    keywords: ['卫健', '卫生健康'],
    duties: [
      { title: '医疗机构和医疗服务监管', content: '负责医疗机构、医务人员和医疗技术应用的监督管理，规范医疗服务行为，保障医疗质量和安全。', basis: '《医疗机构管理条例》；《中华人民共和国基本医疗卫生与健康促进法》' },
      { title: '疾病预防控制', content: '负责传染病、慢性病、地方病的预防控制和突发公共卫生事件应急处置。', basis: '《中华人民共和国传染病防治法》；《突发公共卫生事件应急条例》' },
      { title: '基本公共卫生服务', content: '组织实施国家基本公共卫生服务项目，指导基层医疗卫生机构建立居民健康档案和开展慢病管理。', basis: '《中华人民共和国基本医疗卫生与健康促进法》' },
      { title: '妇幼健康', content: '负责妇幼保健、母婴保健技术服务和出生医学证明管理工作。', basis: '《中华人民共和国母婴保健法》' },
      { title: '人口监测和老龄健康', content: '负责人口监测与家庭发展工作，落实生育支持和计划生育家庭扶助政策，推进医养结合。', basis: '《中华人民共和国人口与计划生育法》' },
      { title: '卫生监督', content: '负责公共场所卫生、生活饮用水卫生、学校卫生和职业卫生的监督管理。', basis: '《公共场所卫生管理条例》；《中华人民共和国职业病防治法》' },
    ],
    funds: [
      {
        name: '基本公共卫生服务补助资金',
        legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》；《基本公共卫生服务补助资金管理办法》',
        purpose: '用于基层医疗卫生机构为城乡居民免费提供建立居民健康档案、预防接种、孕产妇和儿童健康管理、老年人健康管理、慢性病患者健康管理等基本公共卫生服务。',
        recipients: '全区乡镇卫生院、社区卫生服务中心及承担基本公共卫生服务的村卫生室。',
        performanceTargets: '产出指标：居民电子健康档案建档率不低于90%，65岁及以上老年人健康管理率不低于70%；效益指标：高血压、糖尿病患者规范管理率不低于65%；满意度指标：城乡居民满意度不低于85%。',
        howToApply: '本资金按常住人口、服务数量和绩效考核结果等因素分配，{dept}年初预拨、年终根据绩效考核结果清算，基层医疗卫生机构无需另行申报。',
        method: 'FACTOR',
        amount: [1200, 3500],
        span: 1,
        payees: { kind: 'INSTITUTION', townSuffix: '卫生院', streetSuffix: '社区卫生服务中心' },
      },
      {
        name: '医疗服务与保障能力提升补助资金',
        legalBasis: '《医疗服务与保障能力提升补助资金管理办法》',
        purpose: '支持基层医疗卫生机构业务用房改造、医疗设备配置、发热诊室标准化建设和中医药服务能力提升。',
        recipients: '全区政府办基层医疗卫生机构。',
        performanceTargets: '产出指标：支持基层医疗卫生机构能力提升项目不少于8个；效益指标：县域内就诊率不低于90%，基层医疗卫生机构诊疗量占比稳步提升；满意度指标：就诊患者满意度不低于85%。',
        howToApply: '基层医疗卫生机构根据{dept}发布的申报通知编制项目方案，经{dept}组织专家评审并公示后确定支持项目，按照项目进度拨付资金。',
        method: 'PROJECT',
        amount: [300, 1500],
        span: 2,
        payees: { kind: 'INSTITUTION', townSuffix: '卫生院', streetSuffix: '社区卫生服务中心', projects: ['发热诊室标准化建设', '数字化X线摄影（DR）设备购置', '业务用房改造', '远程医疗能力建设', '中医馆建设'] },
      },
      {
        name: '计划生育家庭奖励扶助资金',
        legalBasis: '《中华人民共和国人口与计划生育法》；《全国农村部分计划生育家庭奖励扶助制度管理规范》',
        purpose: '用于发放农村部分计划生育家庭奖励扶助金、计划生育特殊家庭特别扶助金。',
        recipients: '全区符合条件的农村部分计划生育家庭和计划生育特殊家庭。',
        performanceTargets: '产出指标：奖励扶助金、特别扶助金按时足额发放率达到100%；效益指标：计划生育家庭发展能力持续提升；满意度指标：扶助对象满意度不低于95%。',
        howToApply: '符合条件的对象向户籍所在地村（社区）申报，经镇（街道）初审、{dept}审核并公示后，扶助金通过“一卡通”直接发放到个人账户。',
        method: 'FACTOR',
        amount: [150, 600],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
    ],
  },
  {
    keywords: ['医疗保障', '医保'],
    duties: [
      { title: '医疗保障制度', content: '组织实施基本医疗保险、大病保险、医疗救助等医疗保障制度，负责参保扩面和待遇保障工作。', basis: '《中华人民共和国社会保险法》' },
      { title: '医保基金监督管理', content: '负责医疗保障基金使用的监督管理，依法查处欺诈骗保行为，确保基金安全。', basis: '《医疗保障基金使用监督管理条例》' },
      { title: '定点医药机构协议管理', content: '负责定点医疗机构、定点零售药店的协议管理和考核。', basis: '《医疗机构医疗保障定点管理暂行办法》；《零售药店医疗保障定点管理暂行办法》' },
      { title: '医药服务价格和集中采购', content: '落实药品、医用耗材集中带量采购政策和医疗服务价格政策。', basis: '《国务院办公厅关于推动药品集中带量采购工作常态化制度化开展的意见》（国办发〔2021〕2号）' },
    ],
    funds: [
      {
        name: '医疗救助补助资金',
        legalBasis: '《社会救助暂行办法》；《中央财政医疗救助补助资金管理办法》',
        purpose: '资助困难群众参加城乡居民基本医疗保险，对其经基本医疗保险、大病保险支付后个人负担的合规医疗费用给予救助。',
        recipients: '全区特困人员、低保对象、防止返贫监测对象等医疗救助对象。',
        performanceTargets: '产出指标：医疗救助对象参保资助率达到100%；效益指标：救助对象政策范围内住院费用救助比例不低于70%；满意度指标：救助对象满意度不低于90%。',
        howToApply: '参保资助由{dept}根据民政、乡村振兴部门认定的名单直接办理；住院救助在定点医疗机构实行“一站式”结算，无需个人另行申请。',
        method: 'FACTOR',
        amount: [500, 2000],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
    ],
    sectorLaw: '《中华人民共和国社会保险法》',
  },
  {
    keywords: ['教科体', '教育'],
    duties: [
      { title: '教育事业发展', content: '统筹全区学前教育、义务教育、普通高中教育和职业教育发展，推进义务教育优质均衡。', basis: '《中华人民共和国教育法》；《中华人民共和国义务教育法》' },
      { title: '学生资助', content: '落实从学前教育到高等教育的学生资助政策，确保家庭经济困难学生应助尽助。', basis: '《学生资助资金管理办法》' },
      { title: '民办教育和校外培训监管', content: '负责民办学校审批和监督管理，规范校外培训机构办学行为。', basis: '《中华人民共和国民办教育促进法》' },
      { title: '科技创新', content: '负责全区科技创新政策的组织实施，推进科技成果转化和高新技术企业培育。', basis: '《中华人民共和国科学技术进步法》' },
      { title: '体育事业', content: '推进全民健身和竞技体育发展，负责经营高危险性体育项目的监督管理。', basis: '《中华人民共和国体育法》；《全民健身条例》' },
      { title: '校园安全', content: '指导和督促学校落实安全管理主体责任，会同有关部门做好校园及周边安全管理。', basis: '《中小学幼儿园安全管理办法》' },
    ],
    funds: [
      {
        name: '义务教育薄弱环节改善与能力提升补助资金',
        legalBasis: '《中华人民共和国义务教育法》；《义务教育补助经费管理办法》',
        purpose: '支持农村义务教育学校改善基本办学条件，重点用于教学用房维修改造、学生食堂和宿舍改造、运动场建设及教育信息化设备配置。',
        recipients: '全区公办义务教育学校，重点向农村学校倾斜。',
        performanceTargets: '产出指标：改善办学条件的学校不少于10所；效益指标：义务教育学校办学条件达标率达到100%；满意度指标：师生及家长满意度不低于90%。',
        howToApply: '学校根据办学条件缺口编制项目申报书，经{dept}实地核查、专家评审和公示后纳入年度项目计划，项目按政府采购和工程建设有关规定实施。',
        method: 'PROJECT',
        amount: [500, 2500],
        span: 2,
        payees: { kind: 'INSTITUTION', townSuffix: '中心小学', projects: ['教学楼维修改造项目', '运动场改造项目', '学生食堂提升改造项目', '教育信息化设备购置项目', '学生宿舍改造项目'] },
      },
      {
        name: '支持学前教育发展资金',
        legalBasis: '《中华人民共和国学前教育法》；《支持学前教育发展资金管理办法》',
        purpose: '支持扩大普惠性学前教育资源，改善公办幼儿园办园条件，落实学前教育幼儿资助政策。',
        recipients: '全区公办幼儿园和普惠性民办幼儿园，以及在园家庭经济困难幼儿。',
        performanceTargets: '产出指标：支持改善办园条件的幼儿园不少于8所；效益指标：学前三年毛入园率不低于95%，普惠性幼儿园覆盖率不低于90%；满意度指标：家长满意度不低于90%。',
        howToApply: '本资金按在园幼儿数、资助人数和办园条件等因素分配到幼儿园，幼儿园按{dept}要求报送基础数据，经审核后下达，无需单独申报。',
        method: 'FACTOR',
        amount: [200, 1000],
        span: 1,
        payees: { kind: 'INSTITUTION', townSuffix: '中心幼儿园' },
      },
      {
        name: '全民健身设施补短板资金',
        legalBasis: '《全民健身条例》；《中央集中彩票公益金支持体育事业专项资金管理办法》',
        purpose: '支持建设全民健身中心、多功能运动场、健身步道等公共体育设施，完善“15分钟健身圈”。',
        recipients: '全区各镇（街道）公共体育设施建设项目实施单位。',
        performanceTargets: '产出指标：新建或改造全民健身设施不少于10处；效益指标：人均体育场地面积稳步提高；满意度指标：健身群众满意度不低于90%。',
        howToApply: '各镇（街道）结合群众需求申报项目，{dept}会同区财政局组织评审，确定支持项目后按照建成验收情况拨付资金。',
        method: 'PROJECT',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}全民健身中心建设项目', '{town}多功能运动场建设项目', '{town}健身步道建设项目', '{town}智能健身驿站建设项目'] },
      },
    ],
  },
  {
    keywords: ['文广旅', '文旅', '文化'],
    duties: [
      { title: '文化市场管理', content: '负责娱乐场所、互联网上网服务营业场所、营业性演出等文化市场的行业监管和综合执法。', basis: '《娱乐场所管理条例》；《互联网上网服务营业场所管理条例》；《营业性演出管理条例》' },
      { title: '公共文化服务', content: '推进全区公共文化服务体系建设，管理图书馆、文化馆和镇（街道）综合文化站业务工作。', basis: '《中华人民共和国公共文化服务保障法》' },
      { title: '广播电视管理', content: '负责广播电视节目播出、传输覆盖和广播电视设施保护的监督管理。', basis: '《广播电视管理条例》' },
      { title: '文物保护', content: '负责全区文物保护、考古和非物质文化遗产保护传承工作。', basis: '《中华人民共和国文物保护法》；《中华人民共和国非物质文化遗产法》' },
      { title: '旅游业发展和监管', content: '统筹全区旅游业发展，负责旅游市场秩序、旅游安全和A级旅游景区的监督管理。', basis: '《中华人民共和国旅游法》' },
    ],
    funds: [
      {
        name: '文化和旅游发展专项资金',
        legalBasis: '《中华人民共和国旅游法》；《四川省文化和旅游发展专项资金管理办法》',
        purpose: '支持乡村旅游重点村、红色旅游研学基地、文旅融合精品线路和文创产品开发，培育文化旅游新业态。',
        recipients: '在本区注册、依法经营的文化旅游企业和乡村旅游经营主体。',
        performanceTargets: '产出指标：支持文旅项目不少于6个；效益指标：全区接待游客人次和旅游收入同比增长不低于8%；满意度指标：游客满意度不低于90%。',
        howToApply: '申报单位按照{dept}发布的申报指南提交项目申报书和相关证明材料，经{dept}初审、专家评审和公示后确定支持项目和金额。',
        method: 'PROJECT',
        amount: [200, 1200],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['文化旅游发展有限公司', '乡村旅游开发有限公司', '文化传媒有限公司', '研学旅行服务有限公司'], projects: ['{town}乡村旅游重点村提升项目', '文旅融合精品线路打造项目', '非遗文创产品开发项目', '红色旅游研学基地建设项目'] },
      },
      {
        name: '公共文化服务体系建设补助资金',
        legalBasis: '《中华人民共和国公共文化服务保障法》；《中央补助地方公共文化服务体系建设专项资金管理办法》',
        purpose: '支持镇（街道）综合文化站、村（社区）综合性文化服务中心免费开放和基层公共文化活动开展。',
        recipients: '全区各镇（街道）综合文化站和村（社区）综合性文化服务中心。',
        performanceTargets: '产出指标：镇（街道）综合文化站免费开放率达到100%，每村（社区）每年开展文化活动不少于12次；效益指标：群众文化活动参与人次稳步增长；满意度指标：群众满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [100, 500],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '文物保护资金',
        legalBasis: '《中华人民共和国文物保护法》；《国家文物保护资金管理办法》',
        purpose: '支持不可移动文物本体修缮、安全防护和保护利用设施建设。',
        recipients: '全区各级文物保护单位的管理使用单位及所在镇（街道）。',
        performanceTargets: '产出指标：实施文物修缮和安全防护项目不少于4个；效益指标：文物保护单位险情排除率达到100%；满意度指标：周边群众满意度不低于90%。',
        howToApply: '文物管理使用单位编制文物保护工程方案，按程序报文物行政部门审批后向{dept}申报资金，经评审确定后按工程进度拨付。',
        method: 'PROJECT',
        amount: [50, 400],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}不可移动文物本体修缮项目', '{town}文物安全防护工程', '{town}革命文物保护利用项目'] },
      },
    ],
  },
  {
    keywords: ['林业'],
    duties: [
      { title: '森林资源保护管理', content: '负责林地、林木资源的保护管理，依法实施林木采伐许可和使用林地审核。', basis: '《中华人民共和国森林法》' },
      { title: '森林防火', content: '负责森林火灾预防工作，组织开展防火巡护、火源管理和防火设施建设。', basis: '《森林防火条例》' },
      { title: '野生动植物保护', content: '负责陆生野生动物和野生植物资源的保护管理，查处破坏野生动植物资源的违法行为。', basis: '《中华人民共和国野生动物保护法》；《中华人民共和国野生植物保护条例》' },
      { title: '林业有害生物防治', content: '组织开展松材线虫病等林业有害生物的监测、检疫和防治。', basis: '《森林病虫害防治条例》；《植物检疫条例》' },
    ],
    funds: [
      {
        name: '林业改革发展资金',
        legalBasis: '《中华人民共和国森林法》；《林业改革发展资金管理办法》',
        purpose: '支持森林资源管护、国土绿化、森林抚育和林业有害生物防治，巩固生态保护修复成果。',
        recipients: '全区各镇（街道）及承担森林资源管护、造林抚育任务的实施单位。',
        performanceTargets: '产出指标：完成营造林任务不少于1万亩，林业有害生物成灾率控制在3‰以下；效益指标：森林覆盖率稳中有升；满意度指标：护林员和林农满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [200, 1200],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '森林防火专项资金',
        legalBasis: '《森林防火条例》',
        purpose: '支持森林防火通道、防火物资储备库、林区视频监控等森林防火基础设施建设和专业扑火队伍装备配备。',
        recipients: '全区重点林区所在镇及森林防火基础设施建设项目实施单位。',
        performanceTargets: '产出指标：建设森林防火基础设施项目不少于5个；效益指标：森林火灾受害率控制在0.9‰以下；满意度指标：林区群众满意度不低于90%。',
        howToApply: '重点林区所在镇根据森林防火规划申报项目，{dept}组织评审后下达项目计划，项目竣工验收合格后拨付资金。',
        method: 'PROJECT',
        amount: [50, 300],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'TOWNS', projects: ['{town}森林防火通道建设项目', '{town}森林防火物资储备库建设项目', '{town}林区视频监控系统建设项目'] },
      },
    ],
    sectorLaw: '《中华人民共和国森林法》',
  },
  {
    keywords: ['自然资源'],
    duties: [
      { title: '国土空间规划', content: '负责编制全区国土空间总体规划和详细规划，实施建设项目规划许可和规划核实。', basis: '《中华人民共和国城乡规划法》；《中华人民共和国土地管理法》' },
      { title: '耕地保护和用地管理', content: '落实耕地保护制度，负责建设用地审查报批、土地供应和耕地占补平衡管理。', basis: '《中华人民共和国土地管理法》' },
      { title: '不动产登记', content: '负责全区不动产统一登记和登记资料管理，推进不动产登记便民利民。', basis: '《不动产登记暂行条例》' },
      { title: '矿产资源管理', content: '负责矿产资源开发利用和保护的监督管理，查处违法开采矿产资源行为。', basis: '《中华人民共和国矿产资源法》' },
      { title: '地质灾害防治', content: '负责组织、指导、协调和监督地质灾害防治工作，组织开展地质灾害调查评价和隐患排查。', basis: '《地质灾害防治条例》' },
      { title: '测绘地理信息管理', content: '负责测绘地理信息行业管理和测量标志保护。', basis: '《中华人民共和国测绘法》' },
    ],
    funds: [
      {
        name: '地质灾害防治资金',
        legalBasis: '《地质灾害防治条例》；《自然灾害防治能力建设补助资金管理办法》',
        purpose: '支持地质灾害隐患点工程治理、排危除险和避险搬迁，保障人民群众生命财产安全。',
        recipients: '全区地质灾害隐患点所在镇（街道）及治理工程实施单位。',
        performanceTargets: '产出指标：完成地质灾害隐患点工程治理和排危除险不少于6处；效益指标：受威胁群众得到有效保护，因灾死亡失踪人数为零；满意度指标：受益群众满意度不低于90%。',
        howToApply: '隐患点所在镇（街道）会同{dept}编制治理方案，经专家审查后纳入年度治理计划，工程按进度拨付资金、竣工验收后清算。',
        method: 'PROJECT',
        amount: [100, 1000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}地质灾害隐患点工程治理项目', '{town}地质灾害排危除险项目', '{town}地质灾害避险搬迁项目'] },
      },
    ],
  },
  {
    keywords: ['生态环境', '环保'],
    duties: [
      { title: '生态环境统一监督管理', content: '对全区生态环境保护实施统一监督管理，组织落实生态环境保护目标责任制。', basis: '《中华人民共和国环境保护法》' },
      { title: '污染防治', content: '负责大气、水、土壤、噪声、固体废物等污染防治的监督管理，组织实施污染防治攻坚。', basis: '《中华人民共和国大气污染防治法》；《中华人民共和国水污染防治法》；《中华人民共和国土壤污染防治法》' },
      { title: '环境影响评价和排污许可', content: '负责建设项目环境影响评价审查和排污许可管理，监督“三同时”制度落实。', basis: '《中华人民共和国环境影响评价法》；《排污许可管理条例》' },
      { title: '生态环境执法和应急', content: '负责生态环境执法检查，组织突发环境事件应急处置。', basis: '《突发环境事件应急管理办法》' },
    ],
    funds: [
      {
        name: '水污染防治资金',
        legalBasis: '《中华人民共和国水污染防治法》；《水污染防治资金管理办法》',
        purpose: '支持场镇污水处理设施提标改造、农村生活污水治理和重点流域水环境综合治理，改善渠江流域水环境质量。',
        recipients: '全区各镇（街道）及水污染防治项目实施单位。',
        performanceTargets: '产出指标：实施水污染防治项目不少于5个；效益指标：国控、省控断面水质达标率达到100%，农村生活污水治理率稳步提高；满意度指标：周边群众满意度不低于90%。',
        howToApply: '项目实施单位从生态环境保护项目储备库中申报项目，{dept}会同区财政局组织评审，确定支持项目后按进度拨付资金。',
        method: 'PROJECT',
        amount: [300, 2000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}场镇污水处理设施提标改造项目', '{town}农村生活污水治理项目', '{town}流域水环境综合治理项目'] },
      },
      {
        name: '大气污染防治资金',
        legalBasis: '《中华人民共和国大气污染防治法》；《大气污染防治资金管理办法》',
        purpose: '支持工业企业挥发性有机物治理、工业炉窑深度治理和扬尘在线监测设施建设，改善环境空气质量。',
        recipients: '在本区依法生产经营、实施大气污染深度治理的工业企业。',
        performanceTargets: '产出指标：完成企业大气污染治理项目不少于5个；效益指标：细颗粒物（PM2.5）年均浓度完成年度目标，优良天数比例不低于90%；满意度指标：周边群众满意度不低于85%。',
        howToApply: '企业按照{dept}发布的申报通知提交治理方案和申报材料，经现场核查、专家评审和公示后，按照“先治后补”方式拨付补助资金。',
        method: 'PROJECT',
        amount: [100, 800],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['建材有限公司', '家具制造有限公司', '汽车维修服务有限公司', '印务有限公司', '化工有限公司'], projects: ['挥发性有机物综合治理项目', '工业炉窑深度治理项目', '扬尘在线监测设施建设项目'] },
      },
    ],
    sectorLaw: '《中华人民共和国环境保护法》',
  },
  {
    keywords: ['水务', '水利'],
    duties: [
      { title: '水资源管理', content: '负责全区水资源的统一管理和保护，实施取水许可和用水总量控制。', basis: '《中华人民共和国水法》；《取水许可和水资源费征收管理条例》' },
      { title: '河湖管理', content: '负责河道、湖泊管理范围内的水事活动监管，承担区级河湖长制工作机构的日常工作。', basis: '《中华人民共和国河道管理条例》' },
      { title: '水利工程建设和运行管理', content: '负责水利工程建设质量安全监督和水库、山坪塘等水利工程运行管理。', basis: '《中华人民共和国水法》；《水库大坝安全管理条例》' },
      { title: '农村供水保障', content: '负责农村供水工程建设和运行管理，保障农村饮水安全。', basis: '《中华人民共和国水法》' },
      { title: '水土保持', content: '负责水土流失综合防治和生产建设项目水土保持监督管理。', basis: '《中华人民共和国水土保持法》' },
      { title: '水旱灾害防御', content: '负责水旱灾害防御的组织、协调、监督和指导，承担防御洪水应急抢险的技术支撑工作。', basis: '《中华人民共和国防洪法》' },
    ],
    funds: [
      {
        name: '水利发展资金',
        legalBasis: '《中华人民共和国水法》；《水利发展资金管理办法》',
        purpose: '支持山坪塘整治、小型水库除险加固、渠系配套改造和中小河流治理，提升水利基础设施保障能力。',
        recipients: '全区各镇（街道）及水利工程项目实施单位。',
        performanceTargets: '产出指标：整治山坪塘不少于60口，完成小型水库除险加固不少于3座；效益指标：新增和恢复有效灌溉面积不少于5000亩；满意度指标：受益群众满意度不低于90%。',
        howToApply: '各镇（街道）从水利项目储备库中申报年度项目，{dept}组织技术审查和评审后下达项目计划，按照工程进度和验收结果拨付资金。',
        method: 'PROJECT',
        amount: [500, 3000],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}山坪塘整治项目', '{town}小型水库除险加固项目', '{town}渠系配套改造项目', '{town}中小河流治理项目'] },
      },
      {
        name: '农村供水保障工程资金',
        legalBasis: '《中华人民共和国水法》；《水利发展资金管理办法》',
        purpose: '支持农村供水管网延伸、集中供水站提升改造和水质净化消毒设施配套，提高农村自来水普及率和供水保障水平。',
        recipients: '全区农村供水工程所在镇及工程运行管理单位。',
        performanceTargets: '产出指标：实施农村供水工程不少于6处；效益指标：农村自来水普及率不低于90%，规模化供水工程覆盖农村人口比例稳步提高；满意度指标：受益群众满意度不低于90%。',
        howToApply: '各镇结合农村供水现状申报项目，{dept}组织审查后纳入年度建设计划，工程完工验收后拨付资金。',
        method: 'PROJECT',
        amount: [200, 1200],
        span: 2,
        payees: { kind: 'TOWNSHIP', scope: 'TOWNS', projects: ['{town}农村供水管网延伸工程', '{town}集中供水站提升改造工程', '{town}供水水质净化消毒设施配套工程'] },
      },
    ],
    sectorLaw: '《中华人民共和国水法》',
  },
  {
    keywords: ['应急'],
    duties: [
      { title: '安全生产综合监督管理', content: '依法对全区安全生产工作实施综合监督管理，指导协调和监督检查有关部门和镇（街道）安全生产工作。', basis: '《中华人民共和国安全生产法》' },
      { title: '危险化学品和工贸行业安全监管', content: '负责危险化学品、非煤矿山和工贸行业安全生产的监督管理。', basis: '《危险化学品安全管理条例》；《中华人民共和国安全生产法》' },
      { title: '应急预案和应急救援', content: '组织编制全区总体应急预案和安全生产类、自然灾害类专项预案，统筹应急救援力量建设。', basis: '《中华人民共和国突发事件应对法》' },
      { title: '自然灾害救助', content: '组织协调全区自然灾害救助工作，管理、分配救灾款物并监督使用。', basis: '《自然灾害救助条例》' },
      { title: '事故调查处理', content: '依法组织或者参与生产安全事故调查处理，监督事故查处和责任追究落实情况。', basis: '《生产安全事故报告和调查处理条例》' },
    ],
    funds: [
      {
        name: '自然灾害救灾资金',
        legalBasis: '《自然灾害救助条例》；《中央自然灾害救灾资金管理暂行办法》',
        purpose: '用于自然灾害受灾群众紧急转移安置、过渡期生活救助、冬春救助和因灾倒损住房恢复重建补助。',
        recipients: '全区遭受自然灾害的镇（街道）及符合条件的受灾群众。',
        performanceTargets: '产出指标：受灾群众在灾害发生12小时内得到基本生活救助；效益指标：因灾倒损住房恢复重建按期完成率达到100%；满意度指标：受灾群众满意度不低于90%。',
        howToApply: '灾情发生后由镇（街道）核实灾情并申报救助需求，{dept}会同区财政局根据灾情评估结果分配资金，救助资金通过“一卡通”发放到户。',
        method: 'FACTOR',
        amount: [100, 800],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '安全生产预防和应急救援能力建设补助资金',
        legalBasis: '《中华人民共和国安全生产法》；《安全生产预防及应急专项资金管理办法》',
        purpose: '支持应急避难场所、应急物资储备点建设和基层应急救援队伍装备配备，提升基层防灾减灾救灾能力。',
        recipients: '全区各镇（街道）及应急能力建设项目实施单位。',
        performanceTargets: '产出指标：建设应急避难场所和物资储备点不少于6个；效益指标：镇（街道）应急救援队伍装备达标率达到100%；满意度指标：群众满意度不低于90%。',
        howToApply: '各镇（街道）根据应急能力建设规划申报项目，{dept}组织评审后下达项目计划，按照建设进度拨付资金。',
        method: 'PROJECT',
        amount: [50, 400],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}应急避难场所建设项目', '{town}应急物资储备点建设项目', '{town}基层应急救援队伍装备配备项目'] },
      },
    ],
  },
  {
    keywords: ['消防'],
    duties: [
      { title: '消防监督检查', content: '依法对机关、团体、企业、事业等单位遵守消防法律法规的情况实施监督抽查，查处消防违法行为。', basis: '《中华人民共和国消防法》；《消防监督检查规定》' },
      { title: '火灾扑救和应急救援', content: '承担火灾扑救和以抢救人员生命为主的应急救援工作。', basis: '《中华人民共和国消防法》' },
      { title: '火灾事故调查', content: '负责调查火灾原因，统计火灾损失，依法出具火灾事故认定书。', basis: '《中华人民共和国消防法》第五十一条；《火灾事故调查规定》' },
      { title: '消防宣传教育', content: '组织开展消防宣传教育培训，指导社会单位和基层组织开展群众性消防工作。', basis: '《中华人民共和国消防法》' },
    ],
    funds: [],
    sectorLaw: '《中华人民共和国消防法》',
  },
  {
    keywords: ['烟草'],
    duties: [
      { title: '烟草专卖许可管理', content: '依法核发、变更、延续和注销烟草专卖零售许可证，合理布局烟草制品零售点。', basis: '《中华人民共和国烟草专卖法》' },
      { title: '烟草专卖市场监管', content: '负责辖区烟草专卖品市场的监督检查，查处无证经营、销售假冒伪劣和走私卷烟等违法行为。', basis: '《中华人民共和国烟草专卖法实施条例》' },
      { title: '未成年人保护', content: '督促烟草制品零售户落实不得向未成年人出售烟草制品的规定，在显著位置设置禁售标志。', basis: '《中华人民共和国未成年人保护法》第五十九条' },
    ],
    funds: [],
    sectorLaw: '《中华人民共和国烟草专卖法》',
  },
  {
    keywords: ['气象'],
    duties: [
      { title: '气象监测预报预警', content: '负责全区气象监测、天气预报和气象灾害预警信息的制作与发布。', basis: '《中华人民共和国气象法》' },
      { title: '气象灾害防御', content: '组织气象灾害风险评估和气候可行性论证，为防灾减灾提供决策服务。', basis: '《气象灾害防御条例》' },
      { title: '防雷安全监管', content: '负责雷电灾害防御和防雷装置设计审核、竣工验收的监督管理。', basis: '《气象灾害防御条例》；《防雷减灾管理办法》' },
      { title: '人工影响天气', content: '组织实施人工增雨、防雹等人工影响天气作业，管理作业站点和作业装备。', basis: '《人工影响天气管理条例》' },
    ],
    funds: [
      {
        name: '人工影响天气和气象防灾减灾资金',
        legalBasis: '《人工影响天气管理条例》；《气象灾害防御条例》',
        purpose: '支持人工影响天气作业点标准化建设、作业装备更新和区域自动气象站升级，提升气象防灾减灾能力。',
        recipients: '全区人工影响天气作业点和自动气象站所在镇及建设实施单位。',
        performanceTargets: '产出指标：完成标准化作业点和自动气象站建设升级不少于4个；效益指标：气象灾害预警信息公众覆盖率不低于95%；满意度指标：服务对象满意度不低于90%。',
        howToApply: '{dept}根据全区气象防灾减灾规划确定建设点位，商所在镇后组织实施，项目验收合格后拨付资金。',
        method: 'PROJECT',
        amount: [20, 120],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'TOWNS', projects: ['{town}人工影响天气标准化作业点建设项目', '{town}区域自动气象站升级项目'] },
      },
    ],
    sectorLaw: '《中华人民共和国气象法》',
  },
  {
    keywords: ['司法'],
    duties: [
      { title: '法治政府建设', content: '承担区委全面依法治区委员会办公室日常工作，统筹推进法治政府建设，负责规范性文件合法性审核。', basis: '《法治政府建设实施纲要（2021—2025年）》' },
      { title: '行政复议和应诉', content: '依法办理行政复议案件，指导、监督全区行政应诉工作。', basis: '《中华人民共和国行政复议法》' },
      { title: '人民调解', content: '指导人民调解工作，推进矛盾纠纷多元化解。', basis: '《中华人民共和国人民调解法》' },
      { title: '法律援助和公共法律服务', content: '负责法律援助和公共法律服务体系建设，监督管理律师、基层法律服务和公证工作。', basis: '《中华人民共和国法律援助法》；《中华人民共和国律师法》' },
      { title: '社区矫正', content: '负责全区社区矫正工作，对社区矫正对象进行监督管理和教育帮扶。', basis: '《中华人民共和国社区矫正法》' },
    ],
    funds: [
      {
        name: '法律援助补助资金',
        legalBasis: '《中华人民共和国法律援助法》',
        purpose: '用于支付法律援助案件办案补贴和值班律师法律帮助补贴，保障经济困难公民和特殊案件当事人获得必要的法律服务。',
        recipients: '承办法律援助案件、提供值班律师法律帮助的律师事务所和基层法律服务所。',
        performanceTargets: '产出指标：办理法律援助案件不少于600件；效益指标：法律援助案件质量评估合格率不低于95%；满意度指标：受援人满意度不低于95%。',
        howToApply: '法律援助案件办结后，承办机构向{dept}法律援助中心提交结案材料，经审查和质量评估后按规定标准发放办案补贴。',
        method: 'PROJECT',
        amount: [20, 120],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['律师事务所', '基层法律服务所'], projects: ['法律援助案件办案补贴', '值班律师法律帮助补贴'] },
      },
    ],
  },
  {
    keywords: ['发改', '发展和改革'],
    duties: [
      { title: '国民经济和社会发展规划', content: '拟订并组织实施全区国民经济和社会发展规划和年度计划，监测分析经济运行态势。', basis: '《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》' },
      { title: '投资项目管理', content: '负责企业投资项目核准、备案和政府投资项目审批，统筹重点项目推进。', basis: '《企业投资项目核准和备案管理条例》；《政府投资条例》' },
      { title: '价格管理', content: '负责政府定价目录内商品和服务价格的制定和调整，组织价格成本调查。', basis: '《中华人民共和国价格法》' },
      { title: '粮食和物资储备', content: '负责地方粮食储备和应急物资储备管理，监督粮食流通秩序。', basis: '《粮食流通管理条例》' },
    ],
    funds: [
      {
        name: '以工代赈资金',
        legalBasis: '《国家以工代赈管理办法》',
        purpose: '支持实施农村中小型公益性基础设施项目，组织当地农村劳动力参与工程建设并发放劳务报酬，带动群众就近就业增收。',
        recipients: '全区各镇（街道）以工代赈项目实施单位及参与项目建设的农村劳动力。',
        performanceTargets: '产出指标：实施以工代赈项目不少于5个，劳务报酬占中央资金比例不低于30%；效益指标：带动当地农村劳动力务工不少于500人；满意度指标：参与务工群众满意度不低于90%。',
        howToApply: '各镇（街道）从以工代赈项目库中申报项目，{dept}会同区财政局审核下达项目计划，项目实施中公开劳务报酬发放情况，竣工验收后拨付资金。',
        method: 'PROJECT',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL', projects: ['{town}以工代赈农村道路建设项目', '{town}以工代赈农田水利设施项目', '{town}以工代赈人居环境整治项目'] },
      },
    ],
  },
  {
    keywords: ['经信', '经济和信息化'],
    duties: [
      { title: '工业经济运行', content: '监测分析全区工业经济运行态势，协调解决工业企业生产要素保障问题。', basis: null },
      { title: '中小企业发展', content: '统筹推进中小企业和民营经济发展，培育专精特新中小企业，优化企业服务。', basis: '《中华人民共和国中小企业促进法》；《保障中小企业款项支付条例》' },
      { title: '技术改造和投资', content: '负责工业企业技术改造投资项目备案和管理，推动产业转型升级。', basis: '《企业投资项目核准和备案管理条例》' },
      { title: '信息化和数字经济', content: '推进信息化与工业化深度融合，促进数字经济发展。', basis: null },
    ],
    funds: [
      {
        name: '工业发展专项资金',
        legalBasis: '《中华人民共和国中小企业促进法》；《四川省工业发展资金管理办法》',
        purpose: '支持工业企业智能化技术改造、绿色低碳改造和新产品研发及产业化，推动制造业高质量发展。',
        recipients: '在本区注册、具有独立法人资格、依法纳税的工业企业。',
        performanceTargets: '产出指标：支持技术改造和新产品项目不少于8个；效益指标：带动工业投资不少于5亿元，规模以上工业增加值增速完成年度目标；满意度指标：受益企业满意度不低于90%。',
        howToApply: '企业按照{dept}发布的申报通知提交申报书、项目备案文件和投资凭证等材料，经{dept}初审、第三方评审和公示后确定支持项目和金额。',
        method: 'PROJECT',
        amount: [300, 2000],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['机械制造有限公司', '新材料科技有限公司', '电子科技有限公司', '食品有限公司', '建材有限公司'], projects: ['智能化技术改造项目', '生产线数字化升级项目', '绿色低碳改造项目', '新产品研发及产业化项目'] },
      },
      {
        name: '中小企业发展专项资金',
        legalBasis: '《中华人民共和国中小企业促进法》；《中小企业发展专项资金管理办法》',
        purpose: '支持专精特新中小企业培育、中小企业公共服务平台建设和中小企业数字化转型。',
        recipients: '在本区注册、符合中小企业划型标准的企业和中小企业公共服务机构。',
        performanceTargets: '产出指标：新培育省级及以上专精特新中小企业不少于3户；效益指标：受支持企业营业收入平均增长不低于10%；满意度指标：受益企业满意度不低于90%。',
        howToApply: '符合条件的企业向{dept}提交申报材料，经审核、评审和公示后按规定拨付奖补资金。',
        method: 'PROJECT',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['精密制造有限公司', '智能装备有限公司', '软件科技有限公司', '生物科技有限公司'], projects: ['专精特新中小企业培育奖励', '中小企业数字化转型项目', '中小企业公共服务平台建设项目'] },
      },
    ],
  },
  {
    keywords: ['商务'],
    duties: [
      { title: '内贸流通', content: '负责商贸流通行业管理，推进县域商业体系建设，监督管理单用途商业预付卡发卡企业备案。', basis: '《单用途商业预付卡管理办法（试行）》' },
      { title: '促进消费', content: '组织实施促进消费政策，培育消费新场景和商业街区。', basis: null },
      { title: '对外贸易和利用外资', content: '负责全区对外贸易促进和外商投资促进工作。', basis: '《中华人民共和国对外贸易法》；《中华人民共和国外商投资法》' },
      { title: '报废机动车回收和再生资源管理', content: '负责报废机动车回收拆解行业和再生资源回收行业的监督管理。', basis: '《报废机动车回收管理办法》' },
    ],
    funds: [
      {
        name: '县域商业体系建设资金',
        legalBasis: '《服务业发展资金管理办法》',
        purpose: '支持乡镇商贸中心改造、农村电商物流配送中心和农产品冷链流通设施建设，畅通工业品下乡和农产品进城。',
        recipients: '在本区注册、依法经营的商贸流通、物流配送和电子商务企业。',
        performanceTargets: '产出指标：支持县域商业体系建设项目不少于5个；效益指标：村级快递服务覆盖率不低于90%，农村网络零售额稳步增长；满意度指标：受益企业和群众满意度不低于90%。',
        howToApply: '企业按照{dept}发布的申报指南提交项目申报材料，经{dept}会同区财政局评审和公示后确定支持项目，项目验收合格后拨付资金。',
        method: 'PROJECT',
        amount: [200, 1000],
        span: 2,
        payees: { kind: 'ENTERPRISE', orgTypes: ['商贸有限公司', '供应链管理有限公司', '物流有限公司', '电子商务有限公司'], projects: ['{town}乡镇商贸中心改造项目', '农村电商物流配送中心建设项目', '农产品冷链流通设施建设项目'] },
      },
      {
        name: '促进消费专项资金',
        legalBasis: '《关于加力支持大规模设备更新和消费品以旧换新的若干措施》',
        purpose: '支持汽车、家电等消费品以旧换新和促消费主题活动，释放消费潜力。',
        recipients: '在本区注册、参与以旧换新和促消费活动的商贸企业。',
        performanceTargets: '产出指标：组织促消费主题活动不少于10场；效益指标：带动社会消费品零售总额增长不低于6%；满意度指标：消费者满意度不低于90%。',
        howToApply: '参与企业按照{dept}发布的活动方案报名，活动结束后提交销售台账和发票等凭证，经审核公示后拨付补贴资金。',
        method: 'PROJECT',
        amount: [50, 500],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['商贸有限公司', '汽车销售服务有限公司', '家电销售有限公司', '百货有限公司'], projects: ['汽车以旧换新补贴', '家电以旧换新补贴', '促消费主题活动补贴'] },
      },
    ],
  },
  {
    keywords: ['财政'],
    duties: [
      { title: '预算管理', content: '负责编制全区年度预决算草案并组织执行，推进全面实施预算绩效管理。', basis: '《中华人民共和国预算法》' },
      { title: '政府采购监督管理', content: '负责政府采购监督管理，依法处理政府采购投诉。', basis: '《中华人民共和国政府采购法》' },
      { title: '会计管理', content: '负责全区会计工作的管理，组织会计人员继续教育。', basis: '《中华人民共和国会计法》' },
      { title: '国有资产和财政监督', content: '负责行政事业性国有资产管理和财政监督检查，加强财政专项资金监管。', basis: '《行政事业性国有资产管理条例》；《财政违法行为处罚处分条例》' },
    ],
    funds: [],
  },
  {
    keywords: ['退役军人'],
    duties: [
      { title: '移交安置', content: '负责退役军人的接收、安置工作，落实退役士兵安置政策。', basis: '《中华人民共和国退役军人保障法》；《退役士兵安置条例》' },
      { title: '优抚褒扬', content: '负责优抚对象抚恤优待和烈士褒扬纪念工作，管理烈士纪念设施。', basis: '《军人抚恤优待条例》；《烈士褒扬条例》' },
      { title: '就业创业', content: '组织开展退役军人教育培训和就业创业扶持。', basis: '《中华人民共和国退役军人保障法》' },
      { title: '服务保障体系', content: '推进区、镇（街道）、村（社区）退役军人服务站建设，开展退役军人帮扶援助。', basis: null },
    ],
    funds: [
      {
        name: '优抚对象补助经费',
        legalBasis: '《军人抚恤优待条例》；《优抚对象补助经费管理办法》',
        purpose: '用于发放残疾军人、烈士遗属、带病回乡退伍军人等重点优抚对象的抚恤和定期生活补助。',
        recipients: '全区符合条件的重点优抚对象。',
        performanceTargets: '产出指标：抚恤补助资金按时足额发放率达到100%；效益指标：重点优抚对象生活水平不低于当地居民平均生活水平；满意度指标：优抚对象满意度不低于95%。',
        howToApply: '优抚对象身份经认定后纳入发放名册，无需每年重复申请；新增对象向户籍所在地镇（街道）退役军人服务站申请，经{dept}审核后按月发放。',
        method: 'FACTOR',
        amount: [800, 3000],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '退役军人就业创业扶持资金',
        legalBasis: '《中华人民共和国退役军人保障法》',
        purpose: '支持退役军人职业技能培训、创业孵化和就业创业典型示范，促进退役军人稳定就业。',
        recipients: '吸纳退役军人就业的企业和退役军人创办的市场主体，以及承担退役军人培训任务的机构。',
        performanceTargets: '产出指标：组织退役军人职业技能培训不少于300人次；效益指标：退役军人就业率不低于90%；满意度指标：受训退役军人满意度不低于90%。',
        howToApply: '申报单位向{dept}提交申报材料，经审核、评审和公示后拨付扶持资金。',
        method: 'PROJECT',
        amount: [50, 300],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['职业技能培训学校', '农业科技有限公司', '物流有限公司', '安保服务有限公司'], projects: ['退役军人职业技能培训补贴', '退役军人创业孵化扶持', '吸纳退役军人就业奖补'] },
      },
    ],
    sectorLaw: '《中华人民共和国退役军人保障法》',
  },
  {
    keywords: ['残联'],
    duties: [
      { title: '残疾人权益保障', content: '代表残疾人共同利益，维护残疾人合法权益，协助政府做好残疾人工作。', basis: '《中华人民共和国残疾人保障法》' },
      { title: '残疾人证管理', content: '负责残疾人证的核发、换领和管理，组织开展残疾评定。', basis: '《中华人民共和国残疾人证管理办法》' },
      { title: '残疾人康复', content: '组织实施残疾儿童康复救助和残疾人基本型辅助器具适配。', basis: '《残疾预防和残疾人康复条例》' },
      { title: '残疾人就业和教育', content: '推进残疾人按比例就业和辅助性就业，开展残疾人职业培训和教育资助。', basis: '《残疾人就业条例》；《残疾人教育条例》' },
    ],
    funds: [
      {
        name: '残疾人事业发展补助资金',
        legalBasis: '《中华人民共和国残疾人保障法》；《残疾人事业发展补助资金管理办法》',
        purpose: '支持残疾人基本康复服务、辅助器具适配、残疾人家庭无障碍改造和残疾人职业培训。',
        recipients: '全区持证残疾人及其家庭，镇（街道）残疾人专职委员和服务机构。',
        performanceTargets: '产出指标：残疾人基本康复服务覆盖率不低于85%，完成困难重度残疾人家庭无障碍改造不少于150户；效益指标：残疾人生活质量持续改善；满意度指标：残疾人满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [100, 600],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
      {
        name: '残疾儿童康复救助资金',
        legalBasis: '《残疾预防和残疾人康复条例》；《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）',
        purpose: '为0至6岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童提供手术、辅助器具适配和康复训练等救助。',
        recipients: '具有本区户籍或者居住证的符合条件的残疾儿童及其定点康复服务机构。',
        performanceTargets: '产出指标：救助残疾儿童不少于150人；效益指标：残疾儿童康复服务覆盖率不低于85%；满意度指标：残疾儿童家长满意度不低于90%。',
        howToApply: '监护人向户籍所在地镇（街道）提出申请，经{dept}审核后在定点康复机构接受康复服务，康复费用由{dept}按规定标准与定点机构直接结算。',
        method: 'PROJECT',
        amount: [50, 300],
        span: 1,
        payees: { kind: 'ENTERPRISE', orgTypes: ['儿童康复中心', '特殊儿童康复服务中心'], projects: ['残疾儿童康复训练救助', '残疾儿童辅助器具适配救助'] },
      },
    ],
    sectorLaw: '《中华人民共和国残疾人保障法》',
  },
  {
    keywords: ['综合执法', '城管', '城市管理'],
    duties: [
      { title: '城市管理综合执法', content: '集中行使市容环境卫生、城乡规划、市政公用、园林绿化等方面的行政处罚权及相关行政强制措施。', basis: '《城市管理执法办法》' },
      { title: '市容环境卫生管理', content: '负责城市市容环境卫生管理和生活垃圾分类工作，规范临时便民摊点设置。', basis: '《城市市容和环境卫生管理条例》' },
      { title: '违法建设查处', content: '依法查处城市规划区内未取得建设工程规划许可证或者未按照规划许可进行建设的违法建设。', basis: '《中华人民共和国城乡规划法》第六十四条' },
      { title: '户外广告和招牌管理', content: '规范户外广告和招牌设施设置，消除安全隐患。', basis: '《城市市容和环境卫生管理条例》' },
      { title: '建筑垃圾管理', content: '负责建筑垃圾处置核准和运输、消纳的监督管理。', basis: '《城市建筑垃圾管理规定》' },
    ],
    funds: [
      {
        name: '城乡环境卫生和生活垃圾分类资金',
        legalBasis: '《城市市容和环境卫生管理条例》；《四川省城乡环境综合治理条例》',
        purpose: '支持城乡环境卫生保洁、生活垃圾分类收运设施配置和公共厕所管护，改善城乡人居环境。',
        recipients: '全区各镇（街道）及环卫作业实施单位。',
        performanceTargets: '产出指标：城区生活垃圾分类覆盖率达到100%，城乡生活垃圾无害化处理率不低于98%；效益指标：城乡环境卫生状况持续改善；满意度指标：群众满意度不低于90%。',
        howToApply: FACTOR_HOW_TO_APPLY,
        method: 'FACTOR',
        amount: [200, 1000],
        span: 1,
        payees: { kind: 'TOWNSHIP', scope: 'ALL' },
      },
    ],
  },
  {
    keywords: ['统计'],
    duties: [
      { title: '统计调查', content: '组织实施全区国民经济核算、人口和经济普查以及各项常规统计调查。', basis: '《中华人民共和国统计法》' },
      { title: '统计执法和信用管理', content: '依法查处统计违法行为，管理统计严重失信企业名单和信用修复。', basis: '《中华人民共和国统计法实施条例》' },
      { title: '统计信息发布', content: '依法发布全区统计数据，提供统计信息咨询服务。', basis: '《中华人民共和国统计法》' },
    ],
    funds: [],
  },
  {
    keywords: ['公管', '公共资源'],
    duties: [
      { title: '公共资源交易平台运行', content: '负责区公共资源交易平台的运行管理，为工程建设招投标、政府采购、国有产权交易等提供场所和服务。', basis: '《公共资源交易平台管理暂行办法》' },
      { title: '招标投标协调', content: '协调配合行业监管部门做好招标投标活动的监督，维护交易秩序。', basis: '《中华人民共和国招标投标法》；《中华人民共和国招标投标法实施条例》' },
      { title: '交易信息公开', content: '依法公开公共资源交易信息，办理投标保证金的收退。', basis: '《公共资源交易平台管理暂行办法》' },
    ],
    funds: [],
  },
  {
    keywords: ['政府办'],
    duties: [
      { title: '政务运转和督查', content: '负责区政府政务运转，督促检查区政府决策部署的落实。', basis: '《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》' },
      { title: '政务公开', content: '推进全区政务公开和政府信息公开工作，受理政府信息公开申请。', basis: '《中华人民共和国政府信息公开条例》' },
      { title: '人民防空', content: '负责人民防空工程建设管理和防空地下室易地建设费核定。', basis: '《中华人民共和国人民防空法》' },
      { title: '政务服务便民热线', content: '负责12345政务服务便民热线的运行管理，督办群众诉求办理。', basis: '《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）' },
    ],
    funds: [],
  },
  {
    keywords: ['委办'],
    duties: [
      { title: '档案行政管理', content: '负责全区档案事业的统筹规划和监督指导，对重大活动、重点建设项目和国有企业档案工作进行监督检查。', basis: '《中华人民共和国档案法》' },
      { title: '机要保密', content: '负责机要通信和保密工作的组织协调和监督检查。', basis: '《中华人民共和国保守国家秘密法》' },
      { title: '文电会务和督查', content: '负责区委文电、会务和重要决策部署的督促落实。', basis: null },
    ],
    funds: [],
  },
  {
    keywords: ['统战'],
    duties: [
      { title: '统一战线工作', content: '负责全区统一战线工作的统筹协调，联系民主党派、无党派人士和新的社会阶层人士。', basis: '《中国共产党统一战线工作条例》' },
      { title: '民族工作', content: '组织开展民族团结进步创建和表彰，保障少数民族合法权益。', basis: '《中华人民共和国民族区域自治法》' },
      { title: '宗教事务管理', content: '依法管理宗教事务，负责宗教团体、宗教活动场所的有关审批和监督管理。', basis: '《宗教事务条例》' },
    ],
    funds: [],
  },
]

/** For a department of a name no profile knows: what every department does. */
const GENERIC_DUTIES: readonly DutyTemplate[] = [
  { title: '贯彻执行方针政策和法律法规', content: '贯彻执行国家、省、市关于本行业（领域）的方针政策和法律法规，拟订全区相关政策措施并组织实施。', basis: null },
  { title: '依法行使行政权力', content: '依法实施列入{dept}权力清单的行政权力事项，规范权力运行，公开办事依据、程序和结果，接受社会监督。', basis: '《法治政府建设实施纲要（2021—2025年）》' },
  { title: '行业安全生产监督管理', content: '按照“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”的要求，负责本行业（领域）安全生产监督管理工作。', basis: '《中华人民共和国安全生产法》第三条' },
  { title: '完成交办任务', content: '完成区委、区政府交办的其他任务。', basis: null },
]

const GENERIC_PROFILE: DepartmentProfile = { keywords: [], duties: GENERIC_DUTIES, funds: [] }

function profileOf(departmentName: string): DepartmentProfile {
  return PROFILES.find((p) => p.keywords.some((k) => departmentName.includes(k))) ?? GENERIC_PROFILE
}

// ---------------------------------------------------------------------------------------------
// SUPERVISION: 事中事后监管制度, for departments with licensing items
// ---------------------------------------------------------------------------------------------

interface SupervisionTemplate {
  title: string
  /** {dept}, {examples} (quoted item names) and {count} (number of licensing items) */
  content: string
  basis: string
}

const SUPERVISION: Record<'RANDOM' | 'CREDIT' | 'KEY' | 'COMPLAINT' | 'HANDOFF', SupervisionTemplate> = {
  RANDOM: {
    title: '“双随机、一公开”监管制度',
    content: '{dept}建立随机抽查事项清单、检查对象名录库和执法检查人员名录库，对{examples}等{count}项行政许可事项的被许可人，按照年度抽查计划随机抽取检查对象、随机选派执法检查人员开展检查，抽查情况和查处结果通过国家企业信用信息公示系统等渠道依法向社会公开。',
    basis: '《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）',
  },
  CREDIT: {
    title: '信用监管制度',
    content: '{dept}在办理{examples}等行政许可事项时推行告知承诺制，依法归集被许可人的行政许可、行政处罚等信用信息并推送至全国信用信息共享平台，根据信用状况实施分级分类监管，对严重失信主体依法依规实施联合惩戒，对守信主体减少抽查频次。',
    basis: '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）',
  },
  KEY: {
    title: '重点监管制度',
    content: '对直接涉及公共安全和人民群众生命健康等特殊重点领域的许可事项，{dept}依法实行全覆盖重点监管，对{examples}等事项的被许可人建立重点监管对象名单，综合运用现场检查、专项整治、抽样检测等方式加大检查频次，发现问题依法处理。',
    basis: '《国务院关于加强和规范事中事后监管的指导意见》（国发〔2019〕18号）',
  },
  COMPLAINT: {
    title: '投诉举报处理制度',
    content: '{dept}通过12345政务服务便民热线、部门网站和办事窗口受理涉及{examples}等许可事项的投诉举报，按照“谁主管、谁负责”的原则在规定时限内核查处理并反馈处理结果，对查实的违法行为依法处理并纳入信用记录。',
    basis: '《优化营商环境条例》（国务院令第722号）',
  },
  HANDOFF: {
    title: '审管衔接制度',
    content: '{dept}作出{examples}等{count}项行政许可决定后，通过审管互动平台及时将许可结果和相关材料推送至行业主管部门，由行业主管部门依法履行事中事后监管职责；行业主管部门在监管中发现被许可人不再符合许可条件的，及时反馈{dept}依法处理，形成审批与监管闭环。',
    basis: '《中华人民共和国行政许可法》第二十五条；《国务院关于加强和规范事中事后监管的指导意见》（国发〔2019〕18号）',
  },
}

// ---------------------------------------------------------------------------------------------
// Boundaries: 职责边界 between departments whose duties meet
// ---------------------------------------------------------------------------------------------

interface BoundaryParty {
  /** substrings of the department's name, as in DepartmentProfile */
  keywords: readonly string[]
  responsibility: string
}

interface BoundaryTemplate {
  /** stable code suffix */
  key: string
  title: string
  /** receives the parties' department names, in the template's order */
  content: (names: readonly string[]) => string
  basis: string | null
  /** the first party leads */
  parties: readonly [BoundaryParty, BoundaryParty, ...BoundaryParty[]]
}

const AGRICULTURE = ['农业'] as const
const MARKET = ['市监', '市场监'] as const
const URBAN_ENFORCEMENT = ['综合执法', '城管', '城市管理'] as const
const NATURAL_RESOURCES = ['自然资源'] as const
const HOUSING = ['住建', '住房'] as const
const ENVIRONMENT = ['生态环境', '环保'] as const
const WATER = ['水务', '水利'] as const
const CULTURE = ['文广旅', '文旅', '文化'] as const
const POLICE = ['公安'] as const
const EMERGENCY = ['应急'] as const
const FIRE = ['消防'] as const
const EDUCATION = ['教科体', '教育'] as const
const HEALTH = ['卫健', '卫生健康'] as const
const MEDICAL_INSURANCE = ['医疗保障', '医保'] as const
const APPROVAL = ['行政审批'] as const
const TRANSPORT = ['交通'] as const
const HUMAN_RESOURCES = ['人社', '人力资源'] as const
const TOBACCO = ['烟草'] as const
const FORESTRY = ['林业'] as const
const WEATHER = ['气象'] as const
const CIVIL_AFFAIRS = ['民政'] as const
const DISABLED = ['残联'] as const
const TAX = ['税务'] as const
const DEVELOPMENT = ['发改', '发展和改革'] as const

const BOUNDARIES: readonly BoundaryTemplate[] = [
  {
    key: 'EDIBLE-AGRI-PRODUCTS',
    title: '食用农产品质量安全监管',
    content: ([agri, market]) => `食用农产品从种植养殖环节到进入批发、零售市场或者生产加工企业前的质量安全监管由${agri}负责；进入批发、零售市场或者生产加工企业后，按照食品由${market}监管。两部门建立产地准出与市场准入衔接机制，互通抽检结果和案件线索。`,
    basis: '《中华人民共和国农产品质量安全法》；《中华人民共和国食品安全法》',
    parties: [
      { keywords: AGRICULTURE, responsibility: '负责食用农产品种植养殖环节的质量安全监管，督促生产者落实承诺达标合格证制度，开展产地抽检。' },
      { keywords: MARKET, responsibility: '负责食用农产品进入批发、零售市场或者生产加工企业后的质量安全监管，督促经营者查验承诺达标合格证等产地证明。' },
    ],
  },
  {
    key: 'ILLEGAL-CONSTRUCTION',
    title: '城镇违法建设查处',
    content: ([enforcement, planning, housing]) => `城市规划区内的违法建设由${enforcement}依法查处；${planning}负责出具建设工程是否取得规划许可、是否符合规划许可内容的认定意见；${housing}负责查处未取得施工许可擅自施工等建筑市场违法行为，并停止办理违法建设的相关手续。`,
    basis: '《中华人民共和国城乡规划法》第六十四条；《城市管理执法办法》',
    parties: [
      { keywords: URBAN_ENFORCEMENT, responsibility: '负责城市规划区内违法建设的巡查发现、立案查处和强制拆除。' },
      { keywords: NATURAL_RESOURCES, responsibility: '负责对建设工程是否取得规划许可、是否符合规划许可内容作出认定，并在规划核实中把关。' },
      { keywords: HOUSING, responsibility: '负责查处未取得施工许可擅自施工等建筑市场违法行为，对违法建设不予办理施工许可、竣工验收备案和房屋交易手续。' },
    ],
  },
  {
    key: 'WATER-POLLUTION',
    title: '水污染防治',
    content: ([env, water, agri]) => `${env}对全区水污染防治实施统一监督管理；${water}负责河湖管理和河湖长制日常工作；${agri}负责农业面源污染防治。三部门共享水质监测和执法信息，对跨部门问题联合交办、限时整改。`,
    basis: '《中华人民共和国水污染防治法》第九条',
    parties: [
      { keywords: ENVIRONMENT, responsibility: '对水污染防治实施统一监督管理，负责入河排污口设置管理、水环境质量监测和查处超标排污行为。' },
      { keywords: WATER, responsibility: '负责河道管理范围内水事活动的监管和河湖长制日常工作，组织河湖“清四乱”。' },
      { keywords: AGRICULTURE, responsibility: '负责畜禽养殖废弃物资源化利用和化肥农药减量增效等农业面源污染防治工作。' },
    ],
  },
  {
    key: 'INTERNET-CAFE',
    title: '互联网上网服务营业场所监管',
    content: ([culture, police, market]) => `互联网上网服务营业场所经营活动的日常监管由${culture}负责；${police}负责其信息网络安全和治安的监督管理；${market}负责登记注册和营业执照管理，依法查处无照经营。三部门发现不属于本部门职责的违法线索，及时移送有权部门处理。`,
    basis: '《互联网上网服务营业场所管理条例》第四条',
    parties: [
      { keywords: CULTURE, responsibility: '负责经营活动的日常监管，查处接纳未成年人、超时营业和擅自从事经营活动等行为。' },
      { keywords: POLICE, responsibility: '负责信息网络安全和治安的监督管理，查处利用上网服务营业场所实施的违法犯罪活动。' },
      { keywords: MARKET, responsibility: '负责登记注册和营业执照管理，依法查处无照经营活动。' },
    ],
  },
  {
    key: 'FIRE-ACCIDENT-INVESTIGATION',
    title: '生产安全事故和火灾事故调查处理',
    content: ([emergency, fire]) => `生产经营单位发生的生产安全事故由${emergency}按照事故等级组织或者参与调查处理；${fire}负责调查火灾原因、统计火灾损失、出具火灾事故认定。因生产安全事故引发火灾的，${fire}的火灾事故认定作为事故调查的依据之一。`,
    basis: '《中华人民共和国消防法》第五十一条；《生产安全事故报告和调查处理条例》',
    parties: [
      { keywords: EMERGENCY, responsibility: '负责生产安全事故的调查处理，对事故责任单位和责任人提出处理建议。' },
      { keywords: FIRE, responsibility: '负责火灾事故调查和火灾事故认定，向事故调查组提供火灾原因和损失情况。' },
    ],
  },
  {
    key: 'SCHOOL-FOOD-SAFETY',
    title: '学校食品安全监管',
    content: ([market, education, health]) => `学校食堂和校外供餐单位的食品安全监督管理由${market}负责；${education}督促学校落实食品安全校长（园长）负责制和陪餐制度；${health}负责食源性疾病监测、食物中毒流行病学调查和营养健康指导。发生学校食品安全事故时，三部门按照应急预案联合处置。`,
    basis: '《学校食品安全与营养健康管理规定》',
    parties: [
      { keywords: MARKET, responsibility: '负责学校食堂、校外供餐单位的食品安全日常监督检查和抽检，依法查处违法行为。' },
      { keywords: EDUCATION, responsibility: '负责督促学校落实食品安全管理主体责任，将食品安全纳入学校安全工作考核。' },
      { keywords: HEALTH, responsibility: '负责食源性疾病监测报告、食物中毒流行病学调查和学生营养健康指导。' },
    ],
  },
  {
    key: 'MEDICAL-INSURANCE-FUND',
    title: '医疗保障基金使用监管',
    content: ([insurance, health, market]) => `${insurance}负责医疗保障基金使用的监督管理，查处欺诈骗保行为；${health}负责医疗机构和医务人员执业行为的监管；${market}负责定点零售药店药品质量和价格行为的监管。各部门对检查中发现的属于其他部门职责的问题线索相互移送，联合开展专项整治。`,
    basis: '《医疗保障基金使用监督管理条例》',
    parties: [
      { keywords: MEDICAL_INSURANCE, responsibility: '负责医疗保障基金使用的监督检查和定点医药机构协议管理，依法查处欺诈骗保行为。' },
      { keywords: HEALTH, responsibility: '负责规范医疗机构和医务人员诊疗行为，查处违规执业和过度医疗行为。' },
      { keywords: MARKET, responsibility: '负责药品零售环节质量监管和医药价格违法行为查处。' },
    ],
  },
  {
    key: 'ROAD-TRANSPORT-PERMIT',
    title: '道路运输许可与事中事后监管',
    content: ([approval, transport]) => `道路运输经营、机动车维修经营和驾驶员培训等行政许可由${approval}集中办理；许可作出后，${approval}及时将许可结果推送至${transport}，由${transport}负责被许可人的日常监督检查和行政处罚。`,
    basis: '《中华人民共和国行政许可法》第二十五条；《中华人民共和国道路运输条例》',
    parties: [
      { keywords: APPROVAL, responsibility: '负责道路运输相关行政许可的受理、审查和决定，并于许可作出后及时推送许可信息。' },
      { keywords: TRANSPORT, responsibility: '负责被许可人的事中事后监管，发现不再符合许可条件的及时反馈并依法处理。' },
    ],
  },
  {
    key: 'CONSTRUCTION-PERMIT',
    title: '建筑工程施工许可与质量安全监管',
    content: ([approval, housing]) => `建筑工程施工许可由${approval}集中办理；${housing}负责施工许可后的工程质量安全监督、建筑市场行为监管和竣工验收备案。两部门通过工程建设项目审批管理系统共享项目信息。`,
    basis: '《中华人民共和国建筑法》第七条；《中华人民共和国行政许可法》第二十五条',
    parties: [
      { keywords: APPROVAL, responsibility: '负责建筑工程施工许可的受理、审查和决定。' },
      { keywords: HOUSING, responsibility: '负责施工许可后的工程质量安全监督和建筑市场行为监管，查处未批先建等违法行为。' },
    ],
  },
  {
    key: 'MIGRANT-WORKER-WAGES',
    title: '农民工工资支付保障',
    content: ([hr, housing, transport]) => `${hr}负责保障农民工工资支付工作的组织协调、管理指导和监督检查，查处拖欠农民工工资案件；${housing}、${transport}等行业工程建设主管部门按照职责履行行业监管责任，督办因违法发包、转包、违法分包、挂靠、拖欠工程款等导致的拖欠农民工工资案件。`,
    basis: '《保障农民工工资支付条例》第七条',
    parties: [
      { keywords: HUMAN_RESOURCES, responsibility: '负责组织协调和监督检查，依法查处拖欠农民工工资案件。' },
      { keywords: HOUSING, responsibility: '负责房屋建筑和市政工程领域农民工工资专用账户、实名制管理和工资保证金制度的行业监管。' },
      { keywords: TRANSPORT, responsibility: '负责交通运输工程建设领域农民工工资支付的行业监管。' },
    ],
  },
  {
    key: 'TOBACCO-MARKET',
    title: '烟草制品市场监管和涉烟违法查处',
    content: ([tobacco, market, police]) => `烟草专卖品的生产、经营和运输活动由${tobacco}依法监管，查处无证经营、销售假冒和走私卷烟等违法行为；${market}负责查处无照经营等市场秩序违法行为；${police}负责依法查处涉烟犯罪案件。`,
    basis: '《中华人民共和国烟草专卖法》；《中华人民共和国烟草专卖法实施条例》',
    parties: [
      { keywords: TOBACCO, responsibility: '负责烟草专卖许可和烟草专卖品市场的监督检查，查处烟草专卖违法行为。' },
      { keywords: MARKET, responsibility: '负责查处无照经营和商标侵权等违法行为，配合开展卷烟打假。' },
      { keywords: POLICE, responsibility: '负责侦办涉烟犯罪案件，配合开展打击走私和假冒卷烟专项行动。' },
    ],
  },
  {
    key: 'FOREST-FIRE',
    title: '森林火灾预防和扑救',
    content: ([forestry, emergency]) => `森林火灾预防工作由${forestry}负责，包括防火宣传、火源管理、野外用火审批和防火设施建设；森林火灾扑救的组织协调和应急救援力量调度由${emergency}负责。两部门建立“防”“救”衔接机制，共享火情监测信息。`,
    basis: '《森林防火条例》',
    parties: [
      { keywords: FORESTRY, responsibility: '负责森林火灾预防、防火巡护、火源管理和森林防火基础设施建设。' },
      { keywords: EMERGENCY, responsibility: '负责森林火灾扑救的组织协调、应急救援力量调度和灾后救助。' },
    ],
  },
  {
    key: 'GEOLOGICAL-HAZARDS',
    title: '地质灾害防治',
    content: ([resources, emergency, weather]) => `${resources}负责组织、指导、协调和监督地质灾害防治工作；${emergency}负责地质灾害应急救援的组织协调；${weather}会同${resources}开展地质灾害气象风险预警。`,
    basis: '《地质灾害防治条例》第七条',
    parties: [
      { keywords: NATURAL_RESOURCES, responsibility: '负责地质灾害调查评价、隐患排查、监测预警和工程治理的组织实施。' },
      { keywords: EMERGENCY, responsibility: '负责地质灾害险情和灾情的应急救援组织协调。' },
      { keywords: WEATHER, responsibility: '负责提供降雨监测预报，联合发布地质灾害气象风险预警。' },
    ],
  },
  {
    key: 'OVERLOADED-TRUCKS',
    title: '货运车辆超限超载治理',
    content: ([transport, police]) => `${transport}负责货运源头监管和公路超限检测站点的超限检测，依法查处违法超限运输行为；${police}负责查处道路上的货车超载和其他道路交通安全违法行为。两部门实行联合执法、信息共享和“一超四罚”。`,
    basis: '《公路安全保护条例》；《中华人民共和国道路交通安全法》',
    parties: [
      { keywords: TRANSPORT, responsibility: '负责货运源头企业监管和公路超限检测，查处违法超限运输行为。' },
      { keywords: POLICE, responsibility: '负责查处货车超载等道路交通安全违法行为，配合开展联合治超。' },
    ],
  },
  {
    key: 'SOCIAL-ASSISTANCE',
    title: '困难群众救助',
    content: ([civil, insurance, hr]) => `${civil}负责统筹社会救助体系建设，实施最低生活保障、特困人员供养和临时救助；${insurance}负责医疗救助；${hr}负责就业救助。各部门依托社会救助信息平台共享救助对象信息，实现“一门受理、协同办理”。`,
    basis: '《社会救助暂行办法》第三条',
    parties: [
      { keywords: CIVIL_AFFAIRS, responsibility: '负责最低生活保障、特困人员供养和临时救助，统筹协调社会救助工作。' },
      { keywords: MEDICAL_INSURANCE, responsibility: '负责困难群众参保资助和医疗救助。' },
      { keywords: HUMAN_RESOURCES, responsibility: '负责就业救助，为有劳动能力的救助对象提供就业援助。' },
    ],
  },
  {
    key: 'DISABILITY-SUBSIDIES',
    title: '困难残疾人生活补贴和重度残疾人护理补贴',
    content: ([civil, disabled]) => `困难残疾人生活补贴和重度残疾人护理补贴的审核和发放由${civil}负责；${disabled}负责残疾人证核发和残疾等级评定，协助做好补贴对象的资格初审和动态管理。`,
    basis: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）',
    parties: [
      { keywords: CIVIL_AFFAIRS, responsibility: '负责两项补贴的审核认定和资金发放。' },
      { keywords: DISABLED, responsibility: '负责残疾人证核发和残疾等级评定，提供持证残疾人信息，协助开展资格复核。' },
    ],
  },
  {
    key: 'SOCIAL-INSURANCE-CONTRIBUTIONS',
    title: '社会保险费征缴',
    content: ([tax, hr, insurance]) => `社会保险费由${tax}统一征收；${hr}负责养老、失业、工伤保险的参保登记、缴费基数核定和待遇审核；${insurance}负责医疗保险的参保登记和待遇保障。三部门每日交换参保和缴费信息，确保应收尽收、待遇及时享受。`,
    basis: '《中华人民共和国社会保险法》；《国税地税征管体制改革方案》',
    parties: [
      { keywords: TAX, responsibility: '负责社会保险费的征收和欠费追缴。' },
      { keywords: HUMAN_RESOURCES, responsibility: '负责养老、失业、工伤保险的参保登记、基数核定和待遇审核。' },
      { keywords: MEDICAL_INSURANCE, responsibility: '负责医疗保险的参保登记和待遇保障。' },
    ],
  },
  {
    key: 'GAS-SAFETY',
    title: '城镇燃气安全监管',
    content: ([housing, market, fire]) => `${housing}负责城镇燃气行业管理，监督燃气经营企业落实安全生产主体责任；${market}负责燃气器具产品质量、气瓶和压力管道等特种设备的安全监察；${fire}负责用气人员密集场所的消防监督检查。`,
    basis: '《城镇燃气管理条例》第五条；《中华人民共和国特种设备安全法》',
    parties: [
      { keywords: HOUSING, responsibility: '负责燃气经营企业和燃气设施的行业监管，组织燃气安全隐患排查整治。' },
      { keywords: MARKET, responsibility: '负责燃气器具产品质量以及气瓶、压力管道等特种设备的安全监察。' },
      { keywords: FIRE, responsibility: '负责用气人员密集场所的消防监督检查，查处消防违法行为。' },
    ],
  },
  {
    key: 'RIVER-SAND-MINING',
    title: '河道采砂管理',
    content: ([water, police, transport]) => `河道采砂的许可和监督管理由${water}负责，依法查处非法采砂行为；${police}负责打击非法采砂涉黑涉恶和其他犯罪活动；${transport}负责采砂、运砂船舶的水路运输和航道安全监管。`,
    basis: '《中华人民共和国水法》第三十九条',
    parties: [
      { keywords: WATER, responsibility: '负责河道采砂规划、许可和现场监管，查处非法采砂行为。' },
      { keywords: POLICE, responsibility: '负责打击非法采砂相关违法犯罪活动，维护采砂秩序。' },
      { keywords: TRANSPORT, responsibility: '负责采砂、运砂船舶的水路运输和航道安全监管。' },
    ],
  },
  {
    key: 'PRICING',
    title: '政府定价和价格监督检查',
    content: ([development, market]) => `政府定价目录内商品和服务价格的制定、调整和成本监审由${development}负责；价格违法行为的监督检查和查处由${market}负责。${development}在价格调整后及时告知${market}，${market}在执法中发现定价问题及时反馈。`,
    basis: '《中华人民共和国价格法》',
    parties: [
      { keywords: DEVELOPMENT, responsibility: '负责政府定价和政府指导价的制定、调整，组织定价成本监审。' },
      { keywords: MARKET, responsibility: '负责价格监督检查，依法查处价格违法行为。' },
    ],
  },
]

// ---------------------------------------------------------------------------------------------
// Funds: where the money goes
// ---------------------------------------------------------------------------------------------

interface Township {
  name: string
  /** a rough demo size index used as the factor of factor-allocated funds */
  weight: number
}

/** 广安区's streets (街道) and towns (镇/乡), the recipients of factor-allocated funds. */
const TOWNSHIPS: readonly Township[] = [
  { name: '浓洄街道', weight: 1.5 },
  { name: '北辰街道', weight: 1.6 },
  { name: '广福街道', weight: 1.3 },
  { name: '万盛街道', weight: 1.2 },
  { name: '中桥街道', weight: 1.2 },
  { name: '枣山街道', weight: 1.1 },
  { name: '官盛镇', weight: 1.0 },
  { name: '协兴镇', weight: 1.1 },
  { name: '悦来镇', weight: 0.9 },
  { name: '石笋镇', weight: 0.9 },
  { name: '大安镇', weight: 0.9 },
  { name: '恒升镇', weight: 1.0 },
  { name: '兴平镇', weight: 0.9 },
  { name: '井河镇', weight: 0.9 },
  { name: '花桥镇', weight: 1.0 },
  { name: '龙台镇', weight: 1.0 },
  { name: '肖溪镇', weight: 0.9 },
  { name: '大龙镇', weight: 0.8 },
  { name: '彭家乡', weight: 0.7 },
]

const isStreet = (t: Township): boolean => t.name.endsWith('街道')

/** 字号 of invented companies and cooperatives. */
const TRADE_NAMES: readonly string[] = [
  '瑞丰', '兴广', '嘉禾', '宏图', '渠江', '锦程', '恒信', '安泰', '福源', '顺达', '华岳', '利民', '鑫源', '润泽', '新川', '和盛',
]

const FUND_YEARS: readonly number[] = [2024, 2025, 2026]
/**
 * The newest year's allocations are dated in its first months: a district publishes the results
 * of the current year's first batches early, and later dates would read as the future.
 */
const NEWEST_YEAR_LAST_MONTH = 5

interface Payee {
  recipient: string
  project: string | null
  weight: number
}

/** Picks the allocation recipients (and projects) of one fund. */
function choosePayees(rng: Rng, template: FundTemplate): Payee[] {
  const spec = template.payees
  const factor = template.method === 'FACTOR'
  const count = factor ? rng.int(6, 12) : rng.int(3, 8)
  const projectFor = (town: string, crop = ''): string | null => {
    if (factor || !spec.projects) return null
    return rng.pick(spec.projects).replaceAll('{town}', town).replaceAll('{crop}', crop)
  }
  // Factor allocations follow the townships' size; project amounts follow the projects' size.
  const weightFor = (t: Township): number => (factor ? t.weight * (0.85 + 0.3 * rng.next()) : 0.5 + rng.next())

  switch (spec.kind) {
    case 'TOWNSHIP': {
      const pool = TOWNSHIPS.filter((t) => spec.scope === 'ALL' || (spec.scope === 'STREETS') === isStreet(t))
      return rng.sample(pool, count).map((t) => ({ recipient: t.name, project: projectFor(t.name), weight: weightFor(t) }))
    }
    case 'INSTITUTION': {
      const pool = spec.streetSuffix ? TOWNSHIPS : TOWNSHIPS.filter((t) => !isStreet(t))
      return rng.sample(pool, count).map((t) => ({
        recipient: `${t.name}${isStreet(t) ? (spec.streetSuffix ?? spec.townSuffix) : spec.townSuffix}`,
        project: projectFor(t.name),
        weight: weightFor(t),
      }))
    }
    case 'ENTERPRISE': {
      const names = rng.sample(TRADE_NAMES, count)
      return names.map((tradeName) => {
        const town = rng.pick(TOWNSHIPS)
        return {
          recipient: `广安${tradeName}${rng.pick(spec.orgTypes)}（示例）`,
          project: projectFor(town.name),
          weight: 0.5 + rng.next(),
        }
      })
    }
    case 'COOPERATIVE': {
      const names = rng.sample(TRADE_NAMES, count)
      return names.map((tradeName) => {
        const town = rng.pick(TOWNSHIPS.filter((t) => !isStreet(t)))
        const crop = rng.pick(spec.crops)
        return {
          recipient: `广安区${town.name}${tradeName}${crop}专业合作社（示例）`,
          project: projectFor(town.name, crop),
          weight: weightFor(town),
        }
      })
    }
  }
}

/**
 * Splits a total (integers, hundredths of 万元) by weights so that the parts sum exactly to the
 * total. Parts are rounded down to `unit` and the remainder goes to the largest part, so project
 * grants come out in whole 万元 where the amounts allow it. Every part is positive.
 */
function splitExactly(total: number, weights: readonly number[], unit: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((total * w) / sum / unit) * unit)
  if (unit > 1 && parts.some((p) => p <= 0)) return splitExactly(total, weights, 1)
  let largest = 0
  weights.forEach((w, i) => {
    if (w > (weights[largest] ?? 0)) largest = i
  })
  parts[largest] = (parts[largest] ?? 0) + (total - parts.reduce((a, b) => a + b, 0))
  return parts
}

/** A publication date in the fund's year; days stop at 28 so every month has them. */
function randomDate(rng: Rng, year: number): string {
  const newest = year === FUND_YEARS[FUND_YEARS.length - 1]
  const month = newest ? rng.int(2, NEWEST_YEAR_LAST_MONTH) : rng.int(3, 11)
  return `${year}-${pad2(month)}-${pad2(rng.int(1, 28))}`
}

function makeFund(department: Department, template: FundTemplate, year: number, code: string): DemoFund {
  const rng = new Rng('fund', code)
  const [minWan, maxWan] = template.amount
  // Budgets are set in whole 万元, some in half 万元.
  const halves = rng.int(minWan * 2, maxWan * 2 - 1)
  const total = halves * 50

  const payees = choosePayees(rng, template)
  const unit = template.method === 'PROJECT' ? 100 : 1
  const amounts = splitExactly(total, payees.map((p) => p.weight), unit)

  // A factor allocation is one document for all townships; projects are approved in up to two batches.
  const first = randomDate(rng, year)
  const second = randomDate(rng, year)
  const [early, late] = first <= second ? [first, second] : [second, first]
  const batchSplit = template.method === 'PROJECT' && rng.next() < 0.5 ? Math.ceil(payees.length / 2) : payees.length

  const values = { dept: department.name, year }
  return {
    code,
    name: `${year}年${template.name}`,
    departmentCode: department.code,
    year,
    amount: formatWan(total),
    legalBasis: template.legalBasis,
    purpose: fill(template.purpose, values),
    recipients: fill(template.recipients, values),
    allocationMethod: template.method,
    performanceTargets: fill(template.performanceTargets, values),
    periodStart: year,
    periodEnd: year + template.span - 1,
    howToApply: fill(template.howToApply, values),
    allocations: payees.map((p, i) => ({
      recipient: p.recipient,
      amount: formatWan(amounts[i] ?? 0),
      project: p.project,
      publishedOn: i < batchSplit ? early : late,
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

type Department = DemoInput['departments'][number]
type Item = DemoInput['items'][number]

function makePowerDuty(item: Item & { type: PowerType }, profile: DepartmentProfile): DemoDuty {
  const set = stageSetOf(item.type, item.name)
  const name = quote(item.name)
  const content = POWER_STAGES[set].map((stage, i) => `${i + 1}.${stage.label}：${stage.text(name)}`).join('\n')

  const basisParts = [POWER_DUTY_BASIS[set], profile.sectorLaw].filter((b): b is string => Boolean(b))
  const basis = basisParts.length > 0 ? basisParts.join('；') : '本事项设定依据所列法律、法规、规章'

  const rng = new Rng('power-duty', item.code)
  const cases = CASE_SETS[set]
  const chosen = [...cases.core, ...rng.sampleInOrder(cases.optional, rng.int(0, 3)), CATCH_ALL_CASE]

  return {
    code: `DUTY-P-${item.code}`,
    kind: 'POWER_DUTY',
    departmentCode: item.departmentCode,
    powerItemCode: item.code,
    title: `${item.name}责任事项`,
    content,
    basis,
    cases: chosen.map((c) => ({ content: c.content, basis: c.basis })),
  }
}

function makeDepartmentDuties(department: Department, profile: DepartmentProfile): DemoDuty[] {
  return profile.duties.map((duty, i) => ({
    code: `DUTY-D-${department.code}-${pad2(i + 1)}`,
    kind: 'DEPARTMENT_DUTY',
    departmentCode: department.code,
    powerItemCode: null,
    title: duty.title,
    content: fill(duty.content, { dept: department.name }),
    basis: duty.basis,
    cases: [],
  }))
}

/** 1-3 measures, more for departments that grant more licences. */
function makeSupervision(department: Department, licensing: readonly Item[]): DemoDuty[] {
  if (licensing.length === 0) return []
  const rng = new Rng('supervision', department.code)
  const count = licensing.length <= 3 ? 1 : licensing.length <= 15 ? 2 : 3
  const concentratedApproval = department.name.includes('行政审批')
  const order = concentratedApproval
    ? [SUPERVISION.HANDOFF, SUPERVISION.RANDOM, SUPERVISION.CREDIT]
    : [SUPERVISION.RANDOM, SUPERVISION.CREDIT, rng.pick([SUPERVISION.KEY, SUPERVISION.COMPLAINT])]
  return order.slice(0, count).map((template, i) => {
    // Each measure names two of the department's own licensing items as examples.
    const examples = rng
      .sample(licensing, 2)
      .map((item) => quote(item.name))
      .join('、')
    return {
      code: `DUTY-S-${department.code}-${pad2(i + 1)}`,
      kind: 'SUPERVISION',
      departmentCode: department.code,
      powerItemCode: null,
      title: template.title,
      content: template.content
        .replaceAll('{dept}', department.name)
        .replaceAll('{examples}', examples)
        .replaceAll('{count}', String(licensing.length)),
      basis: template.basis,
      cases: [],
    }
  })
}

function makeBoundaries(departments: readonly Department[]): DemoBoundary[] {
  const find = (keywords: readonly string[]): Department | undefined =>
    departments.find((d) => keywords.some((k) => d.name.includes(k)))

  const result: DemoBoundary[] = []
  for (const template of BOUNDARIES) {
    const found = template.parties.map((p) => find(p.keywords))
    const present = found.filter((d): d is Department => d !== undefined)
    // The text names every party, so a boundary is only meaningful with all of them present.
    if (present.length !== template.parties.length) continue
    if (new Set(present.map((d) => d.code)).size !== present.length) continue
    result.push({
      code: `BOUNDARY-${template.key}`,
      title: template.title,
      content: template.content(present.map((d) => d.name)),
      basis: template.basis,
      departments: present.map((d, i) => ({
        departmentCode: d.code,
        responsibility: template.parties[i]?.responsibility ?? '',
        isLead: i === 0,
      })),
    })
  }
  return result
}

function makeFunds(department: Department, profile: DepartmentProfile): DemoFund[] {
  // Spread a department's funds over the years, starting at a year that depends on the department.
  const offset = hashString(`fund-years|${department.code}`) % FUND_YEARS.length
  const perYear = new Map<number, number>()
  return profile.funds.map((template, i) => {
    const year = FUND_YEARS[(offset + i) % FUND_YEARS.length] ?? 2025
    const n = (perYear.get(year) ?? 0) + 1
    perYear.set(year, n)
    return makeFund(department, template, year, `FUND-${year}-${department.code}-${pad2(n)}`)
  })
}

function isPowerItem(item: Item): item is Item & { type: PowerType } {
  return item.type !== 'PUBLIC_SERVICE'
}

/**
 * Generates the demo responsibility list and special-fund list for the given departments and
 * items. Pure and deterministic; the output does not depend on the order of the input.
 */
export function generateDemoContent(input: DemoInput): DemoContent {
  const departments = [...input.departments].sort(byCode)
  const items = [...input.items].sort(byCode)

  // A department listed under several codes with one name (the source data has such cases) is one
  // department: its duties and funds are generated once, under its first code. Its items keep
  // their own department code, which exists in the input.
  const seenNames = new Set<string>()
  const primary = departments.filter((d) => {
    if (seenNames.has(d.name)) return false
    seenNames.add(d.name)
    return true
  })

  const itemsByDepartment = new Map<string, Item[]>()
  for (const item of items) {
    const list = itemsByDepartment.get(item.departmentCode) ?? []
    list.push(item)
    itemsByDepartment.set(item.departmentCode, list)
  }
  const departmentNameOf = new Map(departments.map((d) => [d.code, d.name]))
  const itemsOfName = (name: string): Item[] =>
    items.filter((item) => departmentNameOf.get(item.departmentCode) === name)

  // Duties are grouped by department; an item whose department is not in the input gets none,
  // since its duty could not reference a department.
  const duties: DemoDuty[] = []
  for (const department of departments) {
    const profile = profileOf(department.name)
    if (primary.includes(department)) {
      duties.push(...makeDepartmentDuties(department, profile))
      const licensing = itemsOfName(department.name).filter((item) => item.type === 'LICENSING')
      duties.push(...makeSupervision(department, licensing))
    }
    for (const item of itemsByDepartment.get(department.code) ?? []) {
      if (isPowerItem(item)) duties.push(makePowerDuty(item, profile))
    }
  }
  return {
    duties,
    boundaries: makeBoundaries(primary),
    funds: primary.flatMap((d) => makeFunds(d, profileOf(d.name))),
  }
}
