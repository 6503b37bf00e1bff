// "/workgroups secondary": the projects on offer for a phase, privately to the asker first,
// with a button to share the answer with the channel.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Message } from '../../core/messages.js'
import { answerPrivately, canShareFromPrivate } from '../../core/reply.js'
import type { CurrentCatalogue } from './current-catalogue.js'
import { readPhases } from './phase-words.js'
import type { Catalogue, Phase } from './project.js'
import {
  ACTION_PICK_PHASE,
  ACTION_SHARE,
  phasesFromValue,
  renderNoCatalogue,
  renderNotUnderstood,
  renderPhaseAnswer,
  renderPhasePicker,
} from './render-catalogue.js'

export function createCatalogueFeature(deps: { catalogue: CurrentCatalogue }): Feature {
  // A phase's answer only changes with the catalogue: build it once per catalogue loaded.
  const answers = new WeakMap<Catalogue, Map<string, Message>>()
  const phaseAnswer = (catalogue: Catalogue, phases: Phase[], offerShare: boolean, ctx: HandlerContext): Message => {
    let byKey = answers.get(catalogue)
    if (!byKey) answers.set(catalogue, (byKey = new Map()))
    const key = `${phases.join(',')}|${offerShare}|${ctx.hint('')}`
    let message = byKey.get(key)
    if (!message) byKey.set(key, (message = renderPhaseAnswer(catalogue, phases, { offerShare, hint: ctx.hint })))
    return message
  }

  return {
    name: 'catalogue',
    commands: {
      '': async (event, text, ctx) => {
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return answerPrivately(ctx.reply, renderNoCatalogue())
        if (text === '') return answerPrivately(ctx.reply, renderPhasePicker(catalogue, ctx.hint))
        const { phases } = readPhases(text)
        if (phases.length === 0) return answerPrivately(ctx.reply, renderNotUnderstood(text, catalogue, ctx.hint))
        await answerPrivately(ctx.reply, phaseAnswer(catalogue, phases, canShareFromPrivate(ctx.reply, event.place), ctx))
      },
    },
    actions: {
      [ACTION_PICK_PHASE]: async (event, ctx) => {
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return replaceOrAnswer(ctx, renderNoCatalogue())
        const phases = phasesFromValue(event.value)
        await replaceOrAnswer(
          ctx,
          phases.length === 0
            ? renderPhasePicker(catalogue, ctx.hint)
            : phaseAnswer(catalogue, phases, canShareFromPrivate(ctx.reply, event.place), ctx),
        )
      },
      [ACTION_SHARE]: async (event, ctx) => {
        const catalogue = await deps.catalogue.get()
        const phases = phasesFromValue(event.value)
        if (!catalogue || phases.length === 0) return answerPrivately(ctx.reply, renderNoCatalogue())
        await ctx.reply.send(renderPhaseAnswer(catalogue, phases, { sharedBy: event.actor, hint: ctx.hint }))
        await ctx.reply.deleteOriginal?.()
      },
    },
    help: [
      {
        usage: 'secondary',
        description:
          'the projects for a phase: early years, primary, secondary or post-16 (KS3, sixth form, reception and typos work too)',
      },
      { usage: '', description: 'choose a phase with buttons' },
    ],
  }
}

/** A button answer replaces the message it was clicked on, where the platform allows. */
async function replaceOrAnswer(ctx: HandlerContext, message: Message): Promise<void> {
  await (ctx.reply.replaceOriginal ? ctx.reply.replaceOriginal(message) : answerPrivately(ctx.reply, message))
}
