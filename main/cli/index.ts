import type { CliCommand } from './command'
import { stationCommands } from './stationCommands'
import { scannerCommands } from './scannerCommands'
import { domainCommands } from './domainCommands'
import { idcardCommands } from './idcardCommands'
import { printCommands } from './printCommands'
import { casesCommands } from './casesCommands'
import { carrierCommands } from './carrierCommands'
import { dispatchCommands } from './dispatchCommands'
import { operatorsCommands } from './operatorsCommands'
import { auditCommands } from './auditCommands'
import { backupCommands } from './backupCommands'
import { hallCommands } from './hallCommands'
import { upstreamCommands } from './upstreamCommands'
import { reportsCommands } from './reportsCommands'

/** Every CLI command; each area adds its own list from its own file. */
export const cliCommands: CliCommand[] = [...stationCommands, ...scannerCommands, ...domainCommands, ...idcardCommands, ...printCommands, ...casesCommands, ...backupCommands, ...carrierCommands, ...dispatchCommands, ...operatorsCommands, ...auditCommands, ...hallCommands, ...reportsCommands, ...upstreamCommands]
