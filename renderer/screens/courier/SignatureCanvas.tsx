/**
 * The courier signs here, with a finger, a stylus or the mouse (signature_pad
 * draws the strokes smoothly). The strokes are kept by the caller, so a
 * dialog closed and opened again shows the same signature; the PNG is made
 * when the handover is sent.
 */
import { Button, Flex, Typography } from 'antd'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import SignaturePad, { type PointGroup } from 'signature_pad'

/** CSS pixels = canvas pixels: signature_pad maps pointer positions 1:1, and the PNG stays small for the batch and its paper. */
const WIDTH = 520
const HEIGHT = 160

export interface SignatureHandle {
  /** The signature as a PNG data URL, or null when nothing is drawn. */
  toPng(): string | null
}

export function SignatureCanvas(props: {
  strokes: PointGroup[]
  onStrokes: (strokes: PointGroup[]) => void
  handleRef: React.RefObject<SignatureHandle | null>
  hasError: boolean
  /** Another desk's words (the output window's collector); the courier's by default. */
  words?: { label: string; hint: string; clear: string }
}): React.JSX.Element {
  const { t } = useTranslation('courier')
  const words = props.words ?? { label: t('close.signatureLabel'), hint: t('close.signatureHint'), clear: t('close.signatureClear') }
  const canvasRef = useRef<HTMLCanvasElement | null>(null)
  const padRef = useRef<SignaturePad | null>(null)
  const onStrokesRef = useRef(props.onStrokes)
  onStrokesRef.current = props.onStrokes
  const initial = useRef(props.strokes)

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    // White, not transparent: the image goes on paper and into the case as it looks here.
    const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: '#000', minWidth: 0.8, maxWidth: 2.6 })
    if (initial.current.length > 0) pad.fromData(initial.current)
    const onEnd = (): void => onStrokesRef.current(pad.toData())
    pad.addEventListener('endStroke', onEnd)
    padRef.current = pad
    props.handleRef.current = { toPng: () => (pad.isEmpty() ? null : pad.toDataURL('image/png')) }
    return () => {
      pad.removeEventListener('endStroke', onEnd)
      pad.off()
      padRef.current = null
      props.handleRef.current = null
    }
  }, [props.handleRef])

  const clear = (): void => {
    padRef.current?.clear()
    onStrokesRef.current([])
  }

  return (
    <div className="signature-box">
      <canvas
        ref={canvasRef}
        width={WIDTH}
        height={HEIGHT}
        style={{ width: WIDTH, height: HEIGHT }}
        className={props.hasError ? 'signature-canvas signature-canvas-error' : 'signature-canvas'}
        aria-label={words.label}
        data-testid="signature-pad"
        data-signed={props.strokes.length > 0 ? 'true' : 'false'}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{words.hint}</Typography.Text>
        <Button size="small" onClick={clear} data-testid="signature-clear">
          {words.clear}
        </Button>
      </Flex>
    </div>
  )
}
