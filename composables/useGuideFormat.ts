// How a service guide reads in the reader's language: time limits, fees, trips, online depth
// and what to hand over of each material. One place, so the item page, the printable notice, the
// life-event steps and the search hits say it the same way.
import type { GuideFee, GuideMaterial } from '~/shared/guides'

export function useGuideFormat() {
  const { t } = useI18n()
  /** 5个工作日; 0 is 即办, done on the spot */
  const days = (n: number | null | undefined) => (n === null || n === undefined ? null : n === 0 ? t('guide.sameDay') : t('guide.days', { n }, n))
  const fee = (f: GuideFee | null) => (f === null ? null : f.free ? t('guide.free') : f.standard ?? t('guide.charged'))
  /** 最多跑一次 is what citizens know it by */
  const visits = (n: number | null | undefined) => (n === null || n === undefined ? null : n === 0 ? t('guide.visits0') : n === 1 ? t('guide.visits1') : t('guide.visitsN', { n }))
  const onlineLevel = (level: string) => t(`guide.online.${level}`)
  /** 原件1份、复印件1份 — or what else the applicant does with it */
  const copies = (m: Pick<GuideMaterial, 'originalCount' | 'copyCount' | 'form' | 'source'>) => {
    if (m.source === 'SHARED') return t('guide.material.noNeed')
    const parts = [m.originalCount ? t('guide.material.original', { n: m.originalCount }) : '', m.copyCount ? t('guide.material.copy', { n: m.copyCount }) : ''].filter(Boolean)
    return parts.length ? parts.join(t('guide.listSeparator')) : t(`guide.form.${m.form}`)
  }
  const source = (m: Pick<GuideMaterial, 'source' | 'issuedBy'>) => (m.source === 'DEPARTMENT' ? t('guide.source.DEPARTMENT', { by: m.issuedBy ?? '' }) : t(`guide.source.${m.source}`))
  return { days, fee, visits, onlineLevel, copies, source }
}
