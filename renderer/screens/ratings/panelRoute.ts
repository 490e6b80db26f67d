/** `#/rate`: the window is the customer-facing rating panel (好差评), not the counter's app. The token may ride beside it (`#/rate&token=…`). */
export function isCustomerPanelHash(hash: string): boolean {
  return /^#\/rate(?:$|[/?&])/.test(hash)
}
