/**
 * The intake form and its draft in main: every change is saved shortly after
 * the typing pauses (and at once when focus leaves a field or the window
 * hides), and the operator's draft comes back after a reload or a restart.
 * The form lives only here and in main's encrypted drafts table — never in
 * web storage, which would keep ID numbers on disk in the clear.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { call, CommandError, onSignedIn } from '../../bridge/client'
import type { IntakeForm } from './intakeModel'

export type DraftStatus = { state: 'loading' } | { state: 'empty' } | { state: 'saving' } | { state: 'saved'; at: string; restored: boolean } | { state: 'failed'; message: string }

/** Long enough to save once per word typed, short enough that a reload rarely lands in between. */
const SAVE_DELAY_MS = 400
const RETRY_DELAY_MS = 3000

/** Refusals no retry can cure until someone (else) signs in on this tab: the save waits for that, not for a timer. */
function waitsForSignIn(err: unknown): boolean {
  return err instanceof CommandError && (err.code === 'UNAUTHORIZED' || err.code === 'SESSION_EXPIRED' || err.code === 'FORBIDDEN')
}

export interface IntakeDraft {
  form: IntakeForm
  /** Once main has the draft (photos attach to it). */
  draftId: string | undefined
  isLoaded: boolean
  status: DraftStatus
  update(change: (form: IntakeForm) => IntakeForm): void
  /** Saves now if anything is pending; resolves with the draft id. */
  flush(): Promise<string | undefined>
  /** Focus left a field: save without waiting for the typing pause. */
  saveSoon(): void
  /** Forget the form locally (after Accept, main already dropped the draft). */
  reset(): void
  /** Throw the draft away in main too. */
  discard(): Promise<void>
}

export function useIntakeDraft(): IntakeDraft {
  const [form, setForm] = useState<IntakeForm>({})
  const [isLoaded, setLoaded] = useState(false)
  const [status, setStatus] = useState<DraftStatus>({ state: 'loading' })
  const [draftId, setDraftId] = useState<string | undefined>(undefined)
  const formRef = useRef<IntakeForm>({})
  const draftIdRef = useRef<string | undefined>(undefined)
  const dirtyRef = useRef(false)
  const timerRef = useRef<number | undefined>(undefined)
  // Saves run one after another, so an older form never overwrites a newer one.
  const chainRef = useRef<Promise<void>>(Promise.resolve())
  const generationRef = useRef(0)

  const runSave = useCallback((): Promise<void> => {
    const generation = generationRef.current
    chainRef.current = chainRef.current.then(async () => {
      if (!dirtyRef.current || generation !== generationRef.current) return
      dirtyRef.current = false
      const sent = formRef.current
      setStatus({ state: 'saving' })
      try {
        const saved = await call('drafts.save', { draftId: draftIdRef.current, form: sent })
        if (generation !== generationRef.current) return
        draftIdRef.current = saved.draftId
        setDraftId(saved.draftId)
        setStatus(dirtyRef.current ? { state: 'saving' } : { state: 'saved', at: saved.savedAt, restored: false })
      } catch (err) {
        if (generation !== generationRef.current) return
        dirtyRef.current = true
        setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) })
        // The form is still on screen; keep trying so it reaches the disk once main can take it
        // (signed out: at the next sign-in, see below — a timer would only knock on a locked door).
        window.clearTimeout(timerRef.current)
        if (!waitsForSignIn(err)) timerRef.current = window.setTimeout(() => void runSave(), RETRY_DELAY_MS)
      }
    })
    return chainRef.current
  }, [])

  const schedule = useCallback(
    (delay: number) => {
      window.clearTimeout(timerRef.current)
      timerRef.current = window.setTimeout(() => void runSave(), delay)
    },
    [runSave],
  )

  useEffect(() => {
    let isCurrent = true
    let isLoadRefused = false
    const loadCurrent = (): void => {
      call('drafts.current', {}).then(
        (draft) => {
          if (!isCurrent) return
          // Typing may have started before the draft arrived: what was typed wins.
          if (draft && !dirtyRef.current) {
            draftIdRef.current = draft.draftId
            setDraftId(draft.draftId)
            formRef.current = draft.form
            setForm(draft.form)
            setStatus({ state: 'saved', at: draft.savedAt, restored: true })
          } else if (!dirtyRef.current) {
            setStatus({ state: 'empty' })
          }
          setLoaded(true)
        },
        (err: unknown) => {
          if (!isCurrent) return
          isLoadRefused = waitsForSignIn(err)
          setStatus({ state: 'failed', message: err instanceof CommandError || err instanceof Error ? err.message : String(err) })
          setLoaded(true)
        },
      )
    }
    loadCurrent()
    // Signed in again (the idle sign-out's dialog, or another operator taking over): what waited is saved now, nothing on screen replaced.
    const unsignedIn = onSignedIn(() => {
      if (dirtyRef.current) void runSave()
      else if (isLoadRefused && !draftIdRef.current) {
        isLoadRefused = false
        loadCurrent()
      }
    })
    const onHide = (): void => {
      if (document.visibilityState === 'hidden' && dirtyRef.current) void runSave()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('pagehide', onHide)
    return () => {
      isCurrent = false
      unsignedIn()
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('pagehide', onHide)
      // Leaving the screen saves what is pending instead of dropping it.
      window.clearTimeout(timerRef.current)
      if (dirtyRef.current) void runSave()
    }
  }, [runSave])

  const update = useCallback(
    (change: (form: IntakeForm) => IntakeForm) => {
      const next = change(formRef.current)
      if (next === formRef.current) return
      formRef.current = next
      dirtyRef.current = true
      setForm(next)
      schedule(SAVE_DELAY_MS)
    },
    [schedule],
  )

  const flush = useCallback(async (): Promise<string | undefined> => {
    window.clearTimeout(timerRef.current)
    await runSave()
    return draftIdRef.current
  }, [runSave])

  const saveSoon = useCallback(() => {
    if (dirtyRef.current) schedule(0)
  }, [schedule])

  const reset = useCallback(() => {
    window.clearTimeout(timerRef.current)
    generationRef.current++
    dirtyRef.current = false
    draftIdRef.current = undefined
    setDraftId(undefined)
    formRef.current = {}
    setForm({})
    setStatus({ state: 'empty' })
  }, [])

  const discard = useCallback(async () => {
    const draftId = draftIdRef.current
    reset()
    await chainRef.current
    await call('drafts.discard', draftId ? { draftId } : {})
  }, [reset])

  return { form, draftId, isLoaded, status, update, flush, saveSoon, reset, discard }
}
