// "/workgroups help": what the bot can do, gathered from every feature's own help entries.
import type { Feature, HelpEntry } from '../../core/bot.js'
import { answerPrivately } from '../../core/reply.js'

export function createHelpFeature(features: () => readonly Feature[]): Feature {
  const ownEntry: HelpEntry = { usage: 'help', description: 'this list' }
  return {
    name: 'help',
    commands: {
      help: async (_event, args, ctx) => {
        if (args !== '') return 'pass'
        const entries = [...features().flatMap((f) => f.help ?? []), ownEntry]
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
