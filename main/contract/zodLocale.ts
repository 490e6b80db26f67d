import { z } from 'zod'
import { zhIssueMessage } from '../domain/zodMessages'

// Schema messages in the counter's language wherever a schema is checked (contract, config):
// the same wording as catalog and calendar files, zod's Chinese locale for anything rarer.
z.config({ ...z.locales.zhCN(), customError: zhIssueMessage })
