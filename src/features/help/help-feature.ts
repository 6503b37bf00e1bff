// "/workgroups help": what the bot can do, gathered from every feature's own help entries.
import type { Feature, HelpEntry } from '../../core/bot.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { answerPrivately } from '../../core/reply.js'

export function createHelpFeature(features: () => readonly Feature[], isAdmin: AdminCheck): Feature {
  const ownEntry: HelpEntry = { usage: 'help', description: 'this list' }
  return {
    name: 'help',
    // Said once where the bot is added: what it does and how to start, in a few lines.
    installed: async (_event, ctx) => {
      const text = [
        'Hello! I’m the Maths Hubs bot. I help Work Groups and Mastery Specialist teams:',
        `• which of this year’s projects suit your school: ${ctx.hint('secondary')}, or ask in your own words;`,
        `• Work Group Leads: ${ctx.hint('setup')} in the group’s channel for sessions, reminders and the roster;`,
        `• after each session, a one-minute reflection (${ctx.hint('reflect')});`,
        `• resources shared once with your sub-groups (${ctx.hint('share')} a link), and found again (${ctx.hint('resources fractions')}).`,
        `${ctx.hint('help')} lists everything.`,
      ].join('\n')
      await ctx.reply.send({ text, blocks: [{ type: 'text', text }] })
    },
    commands: {
      help: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const admin = await isAdmin(event.actor)
        const entries = [...features().flatMap((f) => f.help ?? []), ownEntry].filter((e) => admin || e.audience !== 'admin')
        const lines = entries.map((e) => `• ${ctx.hint(e.usage)}: ${e.description}`)
        const text = `Here’s what I can do:\n${lines.join('\n')}`
        await answerPrivately(ctx.reply, {
          text,
          blocks: [
            { type: 'header', text: 'Maths Hubs bot' },
            { type: 'text', text },
            {
              type: 'context',
              text: 'I help Maths Hubs Work Groups and Mastery Specialist teams. Ask your hub administrator about anything else.',
            },
          ],
        })
      },
    },
  }
}
