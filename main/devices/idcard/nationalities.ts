/**
 * GB/T 2659 (= ISO 3166-1 alpha-3) codes → Chinese short names, for the
 * nationality field of foreigner cards (spec §6.3). Compact on purpose: the
 * countries a hall meets most; any other code is shown as the raw code.
 */
const nationalities: Readonly<Record<string, string>> = {
  USA: '美国', CAN: '加拿大', MEX: '墨西哥', BRA: '巴西', ARG: '阿根廷', CHL: '智利', PER: '秘鲁', COL: '哥伦比亚',
  GBR: '英国', IRL: '爱尔兰', FRA: '法国', DEU: '德国', NLD: '荷兰', BEL: '比利时', LUX: '卢森堡', CHE: '瑞士',
  AUT: '奥地利', ITA: '意大利', ESP: '西班牙', PRT: '葡萄牙', GRC: '希腊', SWE: '瑞典', NOR: '挪威', DNK: '丹麦',
  FIN: '芬兰', ISL: '冰岛', POL: '波兰', CZE: '捷克', SVK: '斯洛伐克', HUN: '匈牙利', ROU: '罗马尼亚', BGR: '保加利亚',
  SRB: '塞尔维亚', HRV: '克罗地亚', UKR: '乌克兰', BLR: '白俄罗斯', RUS: '俄罗斯', TUR: '土耳其', ISR: '以色列',
  KAZ: '哈萨克斯坦', UZB: '乌兹别克斯坦', KGZ: '吉尔吉斯斯坦', TJK: '塔吉克斯坦', MNG: '蒙古',
  JPN: '日本', KOR: '韩国', PRK: '朝鲜', VNM: '越南', LAO: '老挝', KHM: '柬埔寨', THA: '泰国', MMR: '缅甸',
  MYS: '马来西亚', SGP: '新加坡', IDN: '印度尼西亚', PHL: '菲律宾', BRN: '文莱', IND: '印度', PAK: '巴基斯坦',
  BGD: '孟加拉国', LKA: '斯里兰卡', NPL: '尼泊尔', AFG: '阿富汗', IRN: '伊朗', IRQ: '伊拉克', SAU: '沙特阿拉伯',
  ARE: '阿拉伯联合酋长国', QAT: '卡塔尔', KWT: '科威特', OMN: '阿曼', JOR: '约旦', SYR: '叙利亚', LBN: '黎巴嫩',
  YEM: '也门', EGY: '埃及', MAR: '摩洛哥', DZA: '阿尔及利亚', TUN: '突尼斯', NGA: '尼日利亚', ETH: '埃塞俄比亚',
  KEN: '肯尼亚', TZA: '坦桑尼亚', GHA: '加纳', ZAF: '南非', AGO: '安哥拉', ZMB: '赞比亚', ZWE: '津巴布韦',
  AUS: '澳大利亚', NZL: '新西兰', FJI: '斐济', PNG: '巴布亚新几内亚',
}

/** The Chinese name of an alpha-3 code, or the code itself when the table does not know it. */
export function nationalityName(code: string): string {
  return nationalities[code] ?? code
}

