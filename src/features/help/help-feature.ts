// "/workgroups help": what the bot can do, gathered from every feature's own help entries.
import type { Feature, HelpEntry, TextHandler } from '../../core/bot.js'
import { textMessage } from '../../core/messages.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { answerPrivately } from '../../core/reply.js'

/** Words people greet or thank with; alone (or with a name or "!"), they get a short friendly answer. */
const GREETINGS = ['hi', 'hello', 'hey', 'morning', 'good morning', 'good afternoon', 'thanks', 'thank you', 'cheers', 'ta']
const JUST_A_GREETING = /^(there|all|everyone|bot|maths hubs|so much|a lot|very much)?[!.,:)\s]*$/i

export function createHelpFeature(features: () => readonly Feature[], isAdmin: AdminCheck): Feature {
  const ownEntry: HelpEntry = { usage: 'help', description: 'this list' }
  const greet: TextHandler = async (event, args, ctx) => {
    if (!JUST_A_GREETING.test(args.trim())) return 'pass'
    const thanks = /^(thank|cheers|ta\b)/i.test(stripped(event.text))
    const text = [
      thanks ? 'You’re welcome!' : 'Hello!',
      `Three things people use most: ${ctx.hint('sessions')} for your Work Group’s next sessions, ${ctx.hint('reflect')} after a session, and ${ctx.hint('primary')} (or secondary, post-16, early years) for the projects on offer.`,
      `${ctx.hint('help')} lists everything.`,
    ].join(' ')
    await answerPrivately(ctx.reply, textMessage(text))
  }
  return {
    name: 'help',
    // Said once where the bot is added: what it does and how to start, in a few lines.
    installed: async (_event, ctx) => {
      const text = [
        'Hello! I’m the Maths Hubs bot. I help Work Groups and Mastery Specialist teams:',
        `• which projects in the Maths Hubs catalogue suit your school: ${ctx.hint('secondary')}, or ask in your own words;`,
        `• Work Group Leads: ${ctx.hint('setup')} in the group’s channel for sessions, reminders and the roster;`,
        `• after each session, a one-minute reflection (${ctx.hint('reflect')});`,
        `• resources shared once with your sub-groups (${ctx.hint('share')} a link), and found again (${ctx.hint('resources fractions')}).`,
        `${ctx.hint('help')} lists everything.`,
      ].join('\n')
      await ctx.reply.send({ text, blocks: [{ type: 'text', text }] })
    },
    commands: {
      ...Object.fromEntries(GREETINGS.map((word) => [word, greet])),
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

/** The text as typed, without the bot's name or the command word, for telling thanks from hello. */
function stripped(text: string): string {
  return text.trim().replace(/^\/?workgroups?\b[:,]?\s*/i, '').replace(/^<at>[^<]*<\/at>\s*/i, '')
}
