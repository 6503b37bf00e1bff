// `admins`: hub administrators name others (a people picker) and take the role away again.
// The first administrators come from configuration and cannot be removed from chat, so a hub
// can never lock itself out.
import type { Feature } from '../../core/bot.js'
import type { FormResult } from '../../core/forms.js'
import { validateForm, type Form } from '../../core/forms.js'
import { mention, textMessage } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { type AdminCheck, adminsOnly, type ConfiguredAdmin, configuredAdminsIn, grantAdmins, listGrantedAdmins, revokeAdmins } from '../../domain/hub-admins.js'

export const FORM_ADMINS = 'hubs.admins'

export function adminsForm(granted: string[], configured: readonly string[]): Form {
  const who = [...configured.map((id) => `${mention({ userId: id })} (from configuration)`), ...granted.map((id) => mention({ userId: id }))]
  return {
    id: FORM_ADMINS,
    title: 'Hub administrators',
    submitLabel: 'Save',
    intro: `Administrators define sub-groups, may share into any of them, and see every Work Group’s reflections and the unanswered questions. Now: ${who.join(', ') || 'nobody'}.`,
    fields: [
      { type: 'users', id: 'add', label: 'Make these people administrators', max: 10 },
      // A people picker, so both platforms show names (the bot keeps only ids).
      ...(granted.length ? [{ type: 'users' as const, id: 'remove', label: 'Stop these being administrators', max: 10 }] : []),
    ],
  }
}

export function createAdminsFeature(deps: { db: Db; isAdmin: AdminCheck; configured: readonly ConfiguredAdmin[] }): Feature {
  const { db } = deps
  return {
    name: 'admins',
    commands: {
      admins: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('name hub administrators'))
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the command in a channel or in your chat with me.'))
        await ctx.reply.openForm(adminsForm(await listGrantedAdmins(db, event.actor), configuredAdminsIn(deps.configured, event.actor.workspaceId)))
      },
    },
    forms: {
      [FORM_ADMINS]: async (event): Promise<FormResult> => {
        if (!(await deps.isAdmin(event.actor))) return { kind: 'close', notice: adminsOnly('name hub administrators').text }
        const granted = await listGrantedAdmins(db, event.actor)
        const configured = configuredAdminsIn(deps.configured, event.actor.workspaceId)
        const form = adminsForm(granted, configured)
        const errors = validateForm(form, event.values)
        const split = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)
        const remove = split(event.values.remove)
        if (remove.includes(event.actor.userId)) errors.remove = 'You can’t remove yourself; ask another administrator.'
        else if (remove.some((id) => configured.includes(id)))
          errors.remove = 'Administrators from the bot’s configuration (HUB_ADMINS) can only be removed there; ask whoever runs the bot.'
        else if (remove.some((id) => !granted.includes(id))) errors.remove = 'Pick only people who are administrators now (they are listed above).'
        if (Object.keys(errors).length) return { kind: 'errors', form, errors }
        const added = await grantAdmins(db, event.actor, split(event.values.add), event.actor.userId)
        const removed = await revokeAdmins(db, event.actor, remove)
        const names = (ids: string[]) => ids.map((id) => mention({ userId: id })).join(', ')
        const parts = [added.length ? `Now administrators: ${names(added)}.` : '', removed.length ? `No longer administrators: ${names(removed)}.` : '']
        return { kind: 'close', notice: parts.filter(Boolean).join(' ') || 'Nothing changed.' }
      },
    },
    help: [{ usage: 'admins', description: 'name or remove hub administrators', audience: 'admin' }],
  }
}
