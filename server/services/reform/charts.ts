// The results charts, drawn on the server by ECharts as SVG, so no chart code reaches a page's
// client bundle. Each chart is drawn twice: narrow for a 375 px phone, wide for larger screens.
import * as echarts from 'echarts'
import type { RenderedChart } from '../../../shared/results'

const PALETTE = ['#991b1b', '#b45309', '#1d4ed8', '#6d28d9', '#047857']
const FONT = { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif', fontSize: 12, color: '#1e293b' }

function draw(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: FONT, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export interface StackedSeries { name: string; data: number[] }

/** Stacked bars, one bar per category: upright on a wide screen, lying down (names readable) on a phone. */
export function stackedBars(categories: string[], series: StackedSeries[]): RenderedChart {
  const bars = series.map((s) => ({ ...s, type: 'bar', stack: 'all', barMaxWidth: 28 }))
  const legend = { top: 0, itemWidth: 12, itemHeight: 10, textStyle: FONT }
  const rows = Math.max(categories.length, 1)
  const short = (name: string) => (name.length > 8 ? `${name.slice(0, 8)}…` : name)
  return {
    narrow: draw({
      legend,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      yAxis: { type: 'category', data: categories.map(short), inverse: true, axisLabel: { ...FONT, fontSize: 11 } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
      series: bars,
    }, 343, 60 + rows * 26),
    wide: draw({
      legend,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { ...FONT, interval: 0, rotate: categories.length > 6 ? 30 : 0, formatter: short } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
      series: bars,
    }, 720, 340),
  }
}

/** A line of one value over time. */
export function line(categories: string[], name: string, data: number[]): RenderedChart {
  const option = (width: number) => ({
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { ...FONT, interval: width < 400 ? 'auto' : 0, formatter: (v: string) => (v.length > 10 ? `${v.slice(0, 10)}…` : v) } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
    series: [{ name, type: 'line', data, symbolSize: 8, label: { show: data.length <= 12, position: 'top', ...FONT } }],
  })
  return { narrow: draw(option(343), 343, 240), wide: draw(option(720), 720, 300) }
}
