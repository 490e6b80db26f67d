import type { Handlers } from '../dispatcher'
import * as system from './system'
import * as scanner from './scanner'
import * as cases from './cases'
import * as idcard from './idcard'
import * as printing from './printing'
import * as attachments from './attachments'
import * as outbox from './outbox'
import * as dispatch from './dispatch'
import * as output from './output'
import * as ratings from './ratings'
import * as operators from './operators'
import * as keys from './keys'
import * as reports from './reports'

/** One handler per command but the demo hall's (./demo.ts); the type makes a missing or extra one a compile error. */
export const handlers: Handlers = {
  'system.info': system.systemInfo,
  'system.clock': system.systemClock,
  'session.get': system.sessionGet,
  'session.signIn': system.sessionSignIn,
  'session.signOut': system.sessionSignOut,
  'devices.list': system.devicesList,
  'operators.list': operators.operatorsList,
  'operators.add': operators.operatorsAdd,
  'operators.disable': operators.operatorsDisable,
  'operators.enable': operators.operatorsEnable,
  'operators.resetPin': operators.operatorsResetPin,
  'devices.reportCamera': system.devicesReportCamera,
  'keys.storage': keys.keysStorage,
  'scanner.settings': scanner.scannerSettings,
  'catalog.info': cases.catalogInfo,
  'catalog.search': cases.catalogSearch,
  'catalog.item': cases.catalogItem,
  'catalog.departments': cases.catalogDepartments,
  'applicant.check': cases.applicantCheck,
  'drafts.save': cases.draftsSave,
  'drafts.current': cases.draftsCurrent,
  'drafts.discard': cases.draftsDiscard,
  'cases.accept': cases.casesAccept,
  'cases.list': cases.casesList,
  'cases.count': cases.casesCount,
  'cases.get': cases.casesGet,
  'cases.transition': cases.casesTransition,
  'cases.receiveMaterials': cases.casesReceiveMaterials,
  'cases.findByIdNumber': cases.casesFindByIdNumber,
  'calendar.deadline': cases.calendarDeadline,
  'calendar.years': cases.calendarYears,
  'scan.classify': cases.scanClassify,
  'idcard.status': idcard.idcardStatus,
  'print.preview': printing.printPreview,
  'print.submit': printing.printSubmit,
  'print.jobs': printing.printJobs,
  'print.reprint': printing.printReprint,
  'print.pdf': printing.printPdf,
  'attachments.add': attachments.attachmentsAdd,
  'attachments.list': attachments.attachmentsList,
  'attachments.remove': attachments.attachmentsRemove,
  'attachments.image': attachments.attachmentsImage,
  'outbox.stats': outbox.outboxStats,
  'outbox.list': outbox.outboxList,
  'outbox.retry': outbox.outboxRetry,
  'outbox.cancel': outbox.outboxCancel,
  'dispatch.desk': dispatch.dispatchDesk,
  'dispatch.check': dispatch.dispatchCheck,
  'dispatch.ship': dispatch.dispatchShip,
  'dispatch.cancel': dispatch.dispatchCancel,
  'dispatch.reprintLabel': dispatch.dispatchReprintLabel,
  'dispatch.closeBatch': dispatch.dispatchCloseBatch,
  'dispatch.shipments': dispatch.dispatchShipments,
  'dispatch.track': dispatch.dispatchTrack,
  'output.findByCard': output.outputFindByCard,
  'output.case': output.outputCase,
  'output.verifyCollector': output.outputVerifyCollector,
  'output.recordAgent': output.outputRecordAgent,
  'output.collect': output.outputCollect,
  'ratings.submit': ratings.ratingsSubmit,
  'ratings.followUps': ratings.ratingsFollowUps,
  'ratings.forCase': ratings.ratingsForCase,
  'ratings.offer': ratings.ratingsOffer,
  'ratings.withdraw': ratings.ratingsWithdraw,
  'ratings.pending': ratings.ratingsPending,
  'ratings.panel': ratings.ratingsPanel,
  'ratings.recordReturnVisit': ratings.ratingsRecordReturnVisit,
  'ratings.closeFollowUp': ratings.ratingsCloseFollowUp,
  'reports.get': reports.reportsGet,
  'reports.csv': reports.reportsCsv,
  'reports.dailySheet': reports.reportsDailySheet,
  'reports.dailySheetPdf': reports.reportsDailySheetPdf,
}

export { demoHandlers } from './demo'
