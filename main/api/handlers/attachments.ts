import type { Handler } from '../dispatcher'

export const attachmentsAdd: Handler<'attachments.add'> = (input, { services }) => services.attachments.add(input)

export const attachmentsList: Handler<'attachments.list'> = (input, { services }) => services.attachments.list(input)

export const attachmentsRemove: Handler<'attachments.remove'> = (input, { services }) => services.attachments.remove(input.id)

export const attachmentsImage: Handler<'attachments.image'> = (input, { services }) => services.attachments.view(input.id)
