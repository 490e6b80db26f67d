import type { outbox as zh } from '../zh-CN/outbox'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

/** The outbox in the status bar: effects (shipments, pushes) waiting to go out, and those parked for a person. */
export const outbox: Shape<typeof zh> = {
  backlog: 'Outbox {{count}}',
  oldest: 'oldest {{age}}',
  parked: 'Parked {{count}}',
  age: { lessThanMinute: '< 1 min', minutes: '{{count}} min', hours: '{{count}} h', days: '{{count}} d' },
  title: 'Outbox: {{backlog}} waiting to go out, {{parked}} parked for a person',
}
