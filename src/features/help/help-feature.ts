// "/workgroups help": what this person does most, on one phone screen, with buttons; and
// "help all", every feature's own help entries grouped by who uses them. Also the hello where
// the bot is added, and a friendly answer to a greeting or thanks.
import type { Feature, HelpEntry, TextHandler } from '../../core/bot.js'
import { textMessage } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { HELP_ALL, renderFullHelp, renderShortHelp } from './render-help.js'
import { whoIsAsking } from './who-is-asking.js'

/** Words people greet or thank with; alone (or with a name or "!"), they get a short friendly answer. */
const GREETINGS = ['hi', 'hello', 'hey', 'morning', 'good morning', 'good afternoon', 'thanks', 'thank you', 'cheers', 'ta']
const JUST_A_GREETING = /^(there|all|everyone|bot|maths hubs|so much|a lot|very much)?[!.,:)\s]*$/i
/** What may follow "help" to ask for every command; anything else ("help with transition") is a question. */
const EVERYTHING = /^(all|more|everything|commands|all commands|more commands)$/i

export interface HelpDeps {
  db: Db
  /** Every feature, this one included, for their help entries. */
  features: () => readonly Feature[]
  isAdmin: AdminCheck
}

export function createHelpFeature(deps: HelpDeps): Feature {
  const ownEntries: HelpEntry[] = [
    { usage: 'help', description: 'what you use most, with buttons' },
    { usage: HELP_ALL, description: 'this list' },
  ]
  const greet: TextHandler = async (event, args, ctx) => {
    if (!JUST_A_GREETING.test(args.trim())) return 'pass'
    const thanks = /^(thank|cheers|ta\b)/i.test(stripped(event.text))
    const text = [
      thanks ? 'You’re welcome!' : 'Hello!',
      `Three things people use most: ${ctx.hint('sessions')} for your Work Group’s next sessions, ${ctx.hint('reflect')} after a session, and ${ctx.hint('primary')} (or secondary, post-16, early years) for the projects on offer.`,
      `${ctx.hint('help')} shows the rest.`,
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
        `${ctx.hint('help')} shows what you can do.`,
      ].join('\n')
      await ctx.reply.send({ text, blocks: [{ type: 'text', text }] })
    },
    commands: {
      ...Object.fromEntries(GREETINGS.map((word) => [word, greet])),
      help: async (event, args, ctx) => {
        const everything = EVERYTHING.test(args)
        if (args !== '' && !everything) return 'pass'
        const asker = await whoIsAsking(deps.db, deps.isAdmin, event.actor, event.place)
        if (!everything) return answerPrivately(ctx.reply, renderShortHelp(asker, ctx.hint))
        const entries = deps.features().flatMap((f) => (f.name === 'help' ? ownEntries : (f.help ?? [])))
        await answerPrivately(ctx.reply, renderFullHelp(entries, asker, ctx.hint))
      },
    },
  }
}

/** The text as typed, without the bot's name or the command word, for telling thanks from hello. */
function stripped(text: string): string {
  return text.trim().replace(/^\/?workgroups?\b[:,]?\s*/i, '').replace(/^<at>[^<]*<\/at>\s*/i, '')
}
