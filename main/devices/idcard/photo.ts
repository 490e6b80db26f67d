/**
 * The card photo (spec §8): 1024 bytes of the proprietary WLT format. No open
 * decoder exists and we must not ship a reverse-engineered one, so the app
 * keeps the raw bytes in memory for the current intake and shows a placeholder
 * unless the hall installs a vendor decoder behind this interface.
 */

export const PHOTO_BYTES = 1024
/** Decoded size of every WLT photo. */
export const PHOTO_WIDTH = 102
export const PHOTO_HEIGHT = 126

export interface DecodedPhoto {
  mime: 'image/bmp' | 'image/png' | 'image/jpeg'
  bytes: Uint8Array
  width: number
  height: number
}

/**
 * A vendor WLT decoder (WltRS.dll, libwlt2bmp.so, …) wrapped by the hall's
 * installer. Implementations should run the native code in a separate process:
 * a crashing vendor binary must not take the counter down.
 */
export interface PhotoDecoder {
  /** Shown in diagnostics, e.g. `WltRS.dll 3.1 via helper process`. */
  readonly name: string
  decode(wlt: Uint8Array): Promise<DecodedPhoto>
}

export interface PhotoInfo {
  /** False when the card gave no photo bytes (length 0 or all zero). */
  hasPhoto: boolean
  byteLength: number
  /** Public samples start with `WL`; informative only, never a reason to refuse. */
  looksLikeWlt: boolean
}

export function describePhoto(wlt: Uint8Array): PhotoInfo {
  return {
    hasPhoto: wlt.length > 0 && wlt.some((b) => b !== 0),
    byteLength: wlt.length,
    looksLikeWlt: wlt.length >= 2 && wlt[0] === 0x57 && wlt[1] === 0x4c,
  }
}
