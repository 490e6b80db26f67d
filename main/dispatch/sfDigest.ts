/**
 * SF's request digest: `base64(md5(urlencodeJava(msgData + timestamp + checkWord)))`
 * (specs/dispatch.md §C1; the urlencode step is the one clients forget).
 */
import { createHash } from 'node:crypto'
import { sfDigestText } from '../domain/dispatch/sfDigestText'

export function sfMsgDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash('md5').update(sfDigestText(msgData, timestamp, checkWord), 'utf8').digest('base64')
}
