/** The ID card reader and the demo hall's tap-card panel. */
export const idcard = {
  panelTitle: '模拟读卡（演示大厅）',
  panelHint: '点“放置”即把证件放到模拟阅读器上；同一张证件拿开后才能再次读取',
  place: '放置',
  placed: '已放置',
  remove: '拿开证件',
  unplugged: '模拟阅读器已拔出',
  fault: '注入故障',
  faults: {
    checksum: '下一帧校验和错误',
    split: '应答分段到达',
    silence: '阅读器无应答',
    garbage: '应答前有杂字节',
    unplug: '拔出阅读器',
    replug: '重新插上阅读器',
    clear: '清除故障',
  },
  cardTypes: { resident: '居民身份证', foreign: '外国人永久居留身份证', hmt: '港澳台居民居住证' },
  failed: '操作失败：{{reason}}',
  loading: '正在读取模拟证件…',
  /** The compact tap in the intake's applicant section. */
  compact: { label: '演示：模拟刷卡', pick: '选择模拟证件', tap: '刷卡' },
}
