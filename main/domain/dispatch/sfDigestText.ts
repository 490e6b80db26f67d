/**
 * The text SF's request digest is computed over (specs/dispatch.md §A2, §C1):
 * `urlencode(msgData + timestamp + checkWord)` with Java URLEncoder rules. The
 * md5 and base64 around it need node:crypto and live in main/dispatch/sfDigest.ts
 * (and in the simulator); this part is pure so both sides share one encoder.
 */

/**
 * `java.net.URLEncoder.encode(s, "UTF-8")`: keeps `A–Z a–z 0–9 . - * _`,
 * space → `+`, every other byte of the UTF-8 form → `%XX` (upper-case hex).
 * Differs from encodeURIComponent (`! ~ ' ( )` kept there) and from Python's
 * quote_plus (`~` kept, `*` encoded) — a common cause of SF A1006. Built on
 * encodeURIComponent (native, and every create is signed) with its five
 * differences patched.
 */
export function urlencodeJava(text: string): string {
  return encodeURIComponent(text).replace(/%20|[!~'()]/g, (m) => (m === '%20' ? '+' : `%${m.charCodeAt(0).toString(16).toUpperCase()}`))
}

/** What goes into md5: the urlencoded concatenation (skipping the urlencode is the classic bug). */
export function sfDigestText(msgData: string, timestamp: string, checkWord: string): string {
  return urlencodeJava(msgData + timestamp + checkWord)
}
