/**
 * One ECharts chart on a div: made when the div mounts, given the option
 * whenever it changes, resized with its box, disposed when it unmounts.
 * Only the charts and components the 统计 screen draws are registered, so
 * the bundle carries no more of ECharts than that. Canvas: nothing but our
 * own script and inline styles, which the page's CSP allows.
 */
import { useEffect, useRef, type RefObject } from 'react'
import { init, use as registerECharts, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ReportChartOption } from './reportCharts'

registerECharts([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer])

/** Pass a memoised option: a new object redraws the chart. */
export function useEChart(option: ReportChartOption): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null)
  const chartRef = useRef<EChartsType | null>(null)
  const optionRef = useRef(option)
  optionRef.current = option

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const chart = init(element, null, { renderer: 'canvas' })
    chart.setOption(optionRef.current, { notMerge: true })
    chartRef.current = chart
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      chartRef.current = null
      chart.dispose()
    }
  }, [])

  useEffect(() => {
    // notMerge: another period's rows replace the old ones, none left over.
    chartRef.current?.setOption(option, { notMerge: true })
  }, [option])

  return ref
}
