/**
 * Camera barcode decoding: quagga2's time to locate and decode one 640×480
 * frame, as a fraction of a frame interval at 15 fps (66.7 ms). Below 1 the
 * decoder keeps up with the camera.
 *
 * Measured the way the live scanner works: the decoder is set up once per
 * camera session, then every frame is grabbed, scaled to 800 px, located and
 * decoded (same settings as renderer/components/CameraScanner.tsx:
 * halfSample locator, medium patches, Code 128 only). decodeSingle would
 * re-create the whole pipeline and re-read the PNG per call (≈ 80–120 ms
 * here), a cost a live stream never pays per frame.
 *
 * The reference is the camera's fixed frame interval, not a same-run
 * baseline: the question is "does a decode fit between two frames", and no
 * other code here does comparable work to measure against.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Quagga, { type QuaggaJSConfigObject, type QuaggaJSResultObject } from '@ericblade/quagga2'
import { barcodeFramePng } from '../../fixtures/barcodeFrames'
import { median, overFixedLimit, type BenchFigure } from '../figure'

const FRAME_INTERVAL_MS = 1000 / 15
const CODE = '32030020261126001'
const WARMUP = 5
const RUNS = 20

/** The Node image stream reads `inputStream.src`, which quagga2's typings leave out. */
type NodeImageStream = NonNullable<QuaggaJSConfigObject['inputStream']> & { src: string; sequence: boolean }

function initOnce(src: string): Promise<void> {
  const inputStream: NodeImageStream = { type: 'ImageStream', src, sequence: false, size: 800 }
  return new Promise((resolve, reject) => {
    Quagga.init(
      {
        inputStream,
        numOfWorkers: 0,
        locate: true,
        locator: { halfSample: true, patchSize: 'medium' },
        decoder: { readers: ['code_128_reader'] },
      },
      (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
    )
  })
}

/** Processes the stream's frame once more: grab, scale, locate, decode. */
async function processFrame(): Promise<{ ms: number; code: string | null }> {
  const started = performance.now()
  const result = await new Promise<QuaggaJSResultObject | undefined>((resolve) => {
    const onProcessed = (processed: QuaggaJSResultObject | undefined): void => {
      Quagga.offProcessed(onProcessed)
      resolve(processed)
    }
    Quagga.onProcessed(onProcessed)
    Quagga.start()
  })
  return { ms: performance.now() - started, code: result?.codeResult?.code ?? null }
}

export const figures: BenchFigure[] = [
  {
    name: 'scanner: quagga2 decode per 640×480 frame ÷ frame interval at 15 fps',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-scanner-'))
      try {
        await initOnce(await barcodeFramePng(CODE, dir))
        const times: number[] = []
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const { ms, code } = await processFrame()
          if (code !== CODE) throw new Error(`quagga2 read "${code ?? '(nothing)'}" instead of ${CODE}: a fast wrong answer is no answer`)
          // The first frames pay for the JIT, as the first second of a camera session does.
          if (i >= WARMUP) times.push(ms)
        }
        return overFixedLimit(median(times), { ms: FRAME_INTERVAL_MS, basis: 'physics', what: 'one frame interval of a 15 fps camera' }, { below: 1 })
      } finally {
        await Quagga.stop()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
