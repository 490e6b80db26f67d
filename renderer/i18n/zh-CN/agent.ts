/** 代办 (银行网点代办): the 代办 screen at a bank branch and at the hall. */
export const agent = {
  branch: '代办网点：{{branch}}',
  views: {
    intake: '代办受理',
    cases: '本网点办件',
  },
  keysHint: 'Alt+I 代办受理 · Alt+L 本网点办件',
  fromBranches: '各银行网点代办受理的办件（回执上注明代办网点），按网点代办标记筛选；Enter 打开办件',
}
