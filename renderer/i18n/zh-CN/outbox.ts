/** The outbox in the status bar: effects (shipments, pushes) waiting to go out, and those parked for a person. */
export const outbox = {
  backlog: '待发 {{count}}',
  oldest: '最久 {{age}}',
  parked: '搁置 {{count}}',
  age: { lessThanMinute: '不到 1 分钟', minutes: '{{count}} 分钟', hours: '{{count}} 小时', days: '{{count}} 天' },
  title: '外发队列：{{backlog}} 件待发送，{{parked}} 件已搁置待人工处理',
}
