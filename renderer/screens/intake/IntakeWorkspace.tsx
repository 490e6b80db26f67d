import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../bridge/client'
import { useIdCard } from '../../hooks/useIdCard'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useClaimPrintPreviews } from '../../components/PrintPreview'
import { useScanTarget } from '../../hooks/scanTargets'
import { navigate } from '../../hooks/useRoute'
import { AcceptedDialog } from './AcceptedDialog'
import { AcceptPanel } from './AcceptPanel'
import { ApplicantSection, type CardNotice } from './ApplicantSection'
import { applyCard, cardVerdict, type CardTap } from './cardFill'
import { DeliverySection } from './DeliverySection'
import { FeeSection } from './FeeSection'
import { focusField, focusPreviousSection, focusSection, moveFlow } from './focusFlow'
import { IntakeNote } from './IntakeNote'
import { acceptBlockers, deliveryForItem, expressFollowsApplicant, receiveAllRequired, switchKind, ticksForItem, withTick, type ApplicantForm, type CatalogItemView } from './intakeModel'
import { AUTHORISATION_MATERIAL_ID } from '../../../main/domain/agentCase'
import { AuthorisationSection } from './AuthorisationSection'
import { ItemPicker } from './ItemPicker'
import { KeyMap } from './KeyMap'
import { MaterialsChecklist } from './MaterialsChecklist'
import { MaterialPhotos } from '../../components/MaterialPhotos'
import { useOwnerPhotos } from '../../hooks/useOwnerPhotos'
import { useAcceptIntake } from './useAcceptIntake'
import { useIntakeDraft } from './useIntakeDraft'
import { useIntakeShortcuts } from './useIntakeShortcuts'
import { useFitScrollport } from './useFitScrollport'
import { ReceiptOffer } from './ReceiptOffer'
import './intake.css'

/**
 * The intake form (一窗综合受理) for the signed-in operator: sections in the
 * order the counter works (who, what, which papers, fee; then beside them
 * delivery, note and Accept, in view on the right), Enter from one stop to
 * the next, the keys under Accept. On a bank branch's station (`isAgent`,
 * 代办) the same form takes the applicant's authorisation too and sends the
 * certificate by express unless the clerk chooses otherwise.
 */
export function IntakeWorkspace({ isAgent = false }: { isAgent?: boolean }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const rootRef = useRef<HTMLDivElement>(null)
  const sideRef = useRef<HTMLElement>(null)
  useFitScrollport(sideRef)
  const draft = useIntakeDraft()
  const { form, update } = draft
  const [item, setItem] = useState<CatalogItemView | null>(null)
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({})
  const [card, setCard] = useState<CardTap | null>(null)
  const [cardNotice, setCardNotice] = useState<CardNotice | null>(null)
  const [pendingFocus, setPendingFocus] = useState<string | null>(null)
  const [isConfirming, setConfirming] = useState(false)
  // Photos attach to the draft once main has it; the whole checklist shares one list.
  const photoOwner = draft.draftId ? { draftId: draft.draftId } : null
  const [photos, photoMessages] = useOwnerPhotos(photoOwner)
  const authorisation = isAgent ? { hasPhoto: photos.photosOf(AUTHORISATION_MATERIAL_ID).length > 0 } : undefined

  const focusLater = useCallback((field: string) => setPendingFocus(field), [])
  useEffect(() => {
    if (pendingFocus === null || !rootRef.current) return
    if (pendingFocus.startsWith('section:')) focusSection(rootRef.current, pendingFocus.slice(8))
    else focusField(rootRef.current, pendingFocus)
    setPendingFocus(null)
  }, [pendingFocus])

  const clearErrors = useCallback((...fields: string[]) => {
    setErrors((prev) => {
      if (!fields.some((f) => f in prev)) return prev
      const next = { ...prev }
      for (const f of fields) delete next[f]
      return next
    })
  }, [])

  const acceptance = useAcceptIntake({ draft, item, rootRef, setErrors, authorisation })
  // The result dialog shows this acceptance's receipt; the app-wide preview must not pop over it.
  useClaimPrintPreviews(acceptance.isOwnReceipt)

  // The draft names its item by code: fetch the checklist, once per code.
  const itemCode = form.itemCode
  useEffect(() => {
    if (!itemCode) {
      setItem(null)
      return
    }
    if (item?.code === itemCode) return
    let isCurrent = true
    call('catalog.item', { code: itemCode }).then(
      (found) => isCurrent && setItem(found),
      (err: unknown) => isCurrent && setErrors((prev) => ({ ...prev, itemCode: err instanceof Error ? err.message : String(err) })),
    )
    return () => {
      isCurrent = false
    }
  }, [itemCode, item])

  // Where the next keystroke belongs once the draft (and its item's checklist) is back; once only.
  const hasFocusedRef = useRef(false)
  const isItemReady = !form.itemCode || item?.code === form.itemCode
  useEffect(() => {
    if (!draft.isLoaded || !isItemReady || hasFocusedRef.current) return
    hasFocusedRef.current = true
    const a = form.applicant
    focusLater(!a?.name && !a?.handlerName ? 'applicant.name' : !form.itemCode ? 'itemCode' : 'section:materials')
  }, [draft.isLoaded, isItemReady, form, focusLater])

  const setApplicant = (next: ApplicantForm, changed: string): void => {
    update((f) => ({ ...f, applicant: next }))
    clearErrors(`applicant.${changed}`)
  }

  const pickItem = (picked: CatalogItemView): void => {
    setItem(picked)
    update((f) => ({
      ...f,
      itemCode: picked.code,
      materials: ticksForItem(picked, f.itemCode === picked.code ? f.materials : undefined),
      fee: picked.fee ? f.fee : {},
      delivery: deliveryForItem(f.delivery, picked, f.applicant, isAgent ? 'express' : 'window'),
    }))
    // The old item's checklist, fee and delivery errors no longer apply; the applicant's still do.
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k.startsWith('applicant.'))))
    focusLater('section:materials')
  }

  const startNext = (): void => {
    acceptance.clear()
    draft.reset()
    setItem(null)
    setCard(null)
    setCardNotice(null)
    setErrors({})
    focusLater('applicant.name')
  }

  const onCard = (tap: CardTap): void => {
    // A tap while the last result is still shown is the next applicant: start their intake with it.
    const isNextApplicant = acceptance.result !== null
    if (isNextApplicant) startNext()
    const outcome = applyCard(tap, isNextApplicant ? undefined : form.applicant)
    const verdict = cardVerdict(tap, outcome)
    setCardNotice({ type: verdict.type, text: t(`card.${verdict.key}`, verdict.values) })
    if (outcome.kind === 'refused') {
      // The last applicant's identity goes with their card panel: the form names nobody until a valid card or typing does.
      const cleared = outcome.applicant
      setCard(null)
      if (cleared && cleared !== form.applicant) {
        update((f) => ({ ...f, applicant: cleared }))
        focusLater(cleared.kind === 'enterprise' ? 'applicant.handlerName' : 'applicant.name')
      }
      return
    }
    // 代办: express is the default there, so the card's address fills what the delivery still lacks.
    update((f) => ({ ...f, applicant: outcome.applicant, ...(isAgent ? { delivery: expressFollowsApplicant(f.delivery, outcome.applicant) } : {}) }))
    setCard(tap)
    clearErrors('applicant.name', 'applicant.idNumber', 'applicant.address', 'applicant.handlerName', 'applicant.handlerIdNumber')
    // The card has no phone number: that is what the clerk asks next.
    if (!outcome.applicant.phone) focusLater('applicant.phone')
  }
  useIdCard(onCard)

  // A scanned business licence: its credit code makes this an enterprise intake.
  useScanTarget(['uscc'], (scan) => {
    if (acceptance.result !== null) startNext()
    update((f) => ({ ...f, applicant: { ...switchKind(f.applicant, 'enterprise'), uscc: scan.uscc } }))
    clearErrors('applicant.uscc')
    focusLater('applicant.name')
  })

  const confirmNew = (): void => setConfirming(true)
  const discardAndStartNext = async (): Promise<void> => {
    await draft.discard()
    setConfirming(false)
    startNext()
  }

  useIntakeShortcuts({
    rootRef,
    isPaused: acceptance.result !== null || isConfirming,
    form,
    item,
    update,
    onAccept: () => void acceptance.accept(),
    onNew: confirmNew,
    onReceiveAll: () => {
      if (!item) return
      update((f) => receiveAllRequired(item, f))
      setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('materials.'))))
    },
    focusLater,
  })

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const root = rootRef.current
    if (!root || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return
    const target = e.target as HTMLElement
    if (e.key === 'Enter') {
      // Buttons act on Enter themselves; everything else moves on (Shift+Enter: back).
      if (target.tagName === 'BUTTON' || target.tagName === 'TEXTAREA') return
      if (moveFlow(root, target, e.shiftKey ? -1 : 1)) e.preventDefault()
    } else if (e.key === 'Escape' && !e.shiftKey) {
      if (focusPreviousSection(root, target)) e.preventDefault()
    }
  }

  const blockers = acceptBlockers(form, item, authorisation)
  const shownCard = card && (form.applicant?.idNumber === card.card.idNumber || form.applicant?.handlerIdNumber === card.card.idNumber) ? card : null

  return (
    <div className="intake-layout" ref={rootRef} onKeyDown={onKeyDown} onBlur={draft.saveSoon} data-testid="intake-form">
      <div className="intake-main">
        <ApplicantSection
          applicant={form.applicant}
          onChange={setApplicant}
          errors={errors}
          card={shownCard}
          cardNotice={cardNotice}
          isEstablishment={item?.establishment === true}
        />
        <ItemPicker item={item} onPick={pickItem} error={errors.itemCode} scopeNote={isAgent ? t('agent.itemScope') : undefined} />
        <MaterialsChecklist
          item={item}
          form={form}
          errors={errors}
          onTick={(tick) => {
            update((f) => withTick(f, tick))
            clearErrors(`materials.${tick.materialId}`, `materials.${tick.materialId}.promiseDate`)
          }}
          renderPhoto={(materialId, name) => (photoOwner ? <MaterialPhotos owner={photoOwner} materialId={materialId} materialName={name} photos={photos.photosOf(materialId)} /> : null)}
        />
        {item?.fee ? (
          <FeeSection
            fee={item.fee}
            receiptNo={form.fee?.receiptNo}
            onChange={(receiptNo) => {
              update((f) => ({ ...f, fee: { receiptNo } }))
              clearErrors('fee.receiptNo')
            }}
            error={errors['fee.receiptNo']}
          />
        ) : null}
        {authorisation ? (
          <AuthorisationSection
            isConfirmed={form.authorisation?.confirmed === true}
            onConfirm={(confirmed) => {
              update((f) => ({ ...f, authorisation: { confirmed } }))
              clearErrors('authorisation.confirmed')
            }}
            photo={photoOwner ? <MaterialPhotos owner={photoOwner} materialId={AUTHORISATION_MATERIAL_ID} materialName={t('sections.authorisation')} photos={photos.photosOf(AUTHORISATION_MATERIAL_ID)} /> : null}
            hasPhoto={authorisation.hasPhoto}
            errors={errors}
          />
        ) : null}
      </div>
      {/* Delivery and the note sit beside the checklist, above Accept: in view at 1366×768 while the clerk ticks materials,
          and still next in the Enter flow (main column first, then this one top to bottom). */}
      <aside className="intake-side" ref={sideRef}>
        <DeliverySection
          item={item}
          delivery={form.delivery}
          applicant={form.applicant}
          errors={errors}
          onChange={(delivery) => {
            update((f) => ({ ...f, delivery }))
            setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('delivery.'))))
          }}
        />
        <IntakeNote value={form.note} onChange={(note) => update((f) => ({ ...f, note }))} error={errors.note} />
        <AcceptPanel
          status={draft.status}
          blockers={blockers}
          generalError={acceptance.generalError}
          isAccepting={acceptance.isAccepting}
          canAccept={draft.isLoaded}
          onAccept={() => void acceptance.accept()}
          onNew={confirmNew}
          onFocusField={(field) => rootRef.current && focusField(rootRef.current, field)}
        />
        <KeyMap isAgent={isAgent} />
      </aside>
      <AcceptedDialog
        result={acceptance.result}
        onNext={startNext}
        onOpenCase={(caseNo) => {
          startNext()
          navigate(`cases/${encodeURIComponent(caseNo)}`)
        }}
        receipt={acceptance.result ? <ReceiptOffer caseNo={acceptance.result.caseNo} /> : null}
      />
      <ConfirmDialog
        open={isConfirming}
        title={t('accept.discardConfirm')}
        okText={t('accept.discardOk')}
        cancelText={t('accept.cancel')}
        isDanger
        okTestId="discard-ok"
        onOk={discardAndStartNext}
        onCancel={() => setConfirming(false)}
      />
      {photoMessages}
    </div>
  )
}
