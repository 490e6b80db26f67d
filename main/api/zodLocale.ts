import { z } from 'zod'

// Schema messages in the counter's language, wherever a schema is checked (contract, config, files).
z.config(z.locales.zhCN())
