import type { idcard as zh } from '../zh-CN/idcard'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

/** The ID card reader and the demo hall's tap-card panel. */
export const idcard: Shape<typeof zh> = {
  panelTitle: 'Tap a card (demo hall)',
  panelHint: '“Place” lays the card on the emulated reader; a card must be lifted before it can be read again',
  place: 'Place',
  placed: 'On the reader',
  remove: 'Lift card',
  unplugged: 'Emulated reader unplugged',
  fault: 'Inject fault',
  faults: {
    checksum: 'Bad checksum on the next frame',
    split: 'Answers arrive in pieces',
    silence: 'Reader stops answering',
    garbage: 'Garbage before the answer',
    unplug: 'Unplug the reader',
    replug: 'Plug the reader back in',
    clear: 'Clear faults',
  },
  cardTypes: { resident: 'Resident ID card', foreign: 'Foreigner permanent residence card', hmt: 'HK/Macao/Taiwan residence permit' },
  failed: 'Failed: {{reason}}',
  loading: 'Loading emulated cards…',
  compact: { label: 'Demo: tap a card', pick: 'Pick a demo card', tap: 'Tap' },
}
