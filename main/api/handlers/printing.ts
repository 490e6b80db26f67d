/** Printing handlers: one line each, the print service does the work. */
import type { Handler } from '../dispatcher'

export const printPreview: Handler<'print.preview'> = (input, { services }) => services.printing.preview(input)
export const printSubmit: Handler<'print.submit'> = (input, { services }) => services.printing.submit(input)
export const printJobs: Handler<'print.jobs'> = (input, { services }) => services.printing.jobs(input)
export const printReprint: Handler<'print.reprint'> = (input, { services }) => services.printing.reprint(input.jobId)
export const printPdf: Handler<'print.pdf'> = (input, { services }) => services.printing.pdf(input)
