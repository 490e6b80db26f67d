/**
 * The customer-facing panel's board: the one rating offered at this station
 * now (the clerk offers it, the applicant answers it), and the panels
 * attached to show it — a second window on a second display, or a second
 * browser window on the station host. With no panel attached the clerk's own
 * window shows the offer as an overlay turned to the applicant.
 *
 * Kept in memory: an offer lives for the minute the applicant stands at the
 * counter; a restart simply offers again.
 */
import type { RatingVisit } from '../../domain/ratings'
import type { EventBus } from '../eventBus'

export interface RatingOffer {
  caseNo: string
  visit: RatingVisit
  itemName: string
  applicantName: string
  staff: string | null
  offeredAt: string
}

export interface PanelState {
  offer: RatingOffer | null
  panels: number
}

export class OfferBoard {
  private current: RatingOffer | null = null
  private readonly panels = new Set<string>()

  constructor(private readonly events: EventBus) {}

  state(): PanelState {
    return { offer: this.current === null ? null : { ...this.current }, panels: this.panels.size }
  }

  offered(caseNo: string, visit: RatingVisit): RatingOffer | null {
    const c = this.current
    return c !== null && c.caseNo === caseNo && c.visit === visit ? { ...c } : null
  }

  /** A new offer replaces the one before: the counter serves one applicant at a time. */
  offer(offer: RatingOffer): PanelState {
    this.current = { ...offer }
    return this.publish()
  }

  withdraw(): PanelState {
    this.current = null
    return this.publish()
  }

  /** The visit was rated (on a panel or otherwise): its offer, if shown, goes. */
  settle(caseNo: string, visit: RatingVisit): void {
    if (this.offered(caseNo, visit)) this.withdraw()
  }

  attach(panelId: string, present: boolean): PanelState {
    const had = this.panels.has(panelId)
    if (present) this.panels.add(panelId)
    else this.panels.delete(panelId)
    return had === present ? this.state() : this.publish()
  }

  private publish(): PanelState {
    const state = this.state()
    this.events.emit('ratings.panelChanged', state)
    return state
  }
}
