import type { agent as zh } from '../zh-CN/agent'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const agent: Shape<typeof zh> = {
  branch: 'Agent branch: {{branch}}',
  views: {
    intake: 'Agent intake',
    cases: 'This branch’s cases',
  },
  keysHint: 'Alt+I agent intake · Alt+L this branch’s cases',
  fromBranches: 'Cases bank branches accepted on the hall’s behalf (their receipts name the branch); Enter opens a case',
}
