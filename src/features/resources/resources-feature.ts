// Sharing resources across sub-groups. `subgroup` (hub administrators, in a channel) puts the
// channel in a sub-group; `share <url> #tags` opens a short form and files the link in the
// library once, however often it is shared, posting it in each chosen sub-group's channels
// through the outbox; `resources <words or tags>` searches the library. Sharing into a
// sub-group needs membership of one of its channels, or the administrator role.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { Actor, CommandEvent, FormSubmitEvent } from '../../core/events.js'
import type { Form, FormResult } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import type { Logger } from '../../core/logger.js'
import { type Message, textMessage, userText } from '../../core/messages.js'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { createLinkSigner } from '../../http/signed-links.js'
import { type AdminCheck, adminsOnly } from '../../domain/hub-admins.js'
import { readResourceUrl } from './canonical-url.js'
import { ACTION_MORE_RESULTS, readMoreResultsValue, renderResourcePost, renderSearchResults, renderSubgroups, sharer } from './render-resources.js'
import { searchLibrary } from './resource-search.js'
import { findResource, listShares, recentSharesBy, recentSharesInto, type Resource, type Share, shareResource } from './resource-store.js'
import { personLimitSentence, personMayShareFrom, SHARE_HISTORY_MS, subgroupLimitSentence, subgroupMayTakeFrom } from './share-limits.js'
import { readTags, type Tag } from './resource-tags.js'
import { FORM_SHARE, FORM_SUBGROUP, PHASES, shareForm, subgroupForm } from './share-form.js'
import { type ListMembers, subgroupsOf } from '../../domain/subgroup-membership.js'
import { listSubgroups, removeChannel, saveSubgroup, type Subgroup } from '../../domain/subgroups.js'

export interface ResourcesDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  isAdmin: AdminCheck
  /** The members of a conversation; undefined when the platform cannot list them. */
  listMembers: ListMembers
  wakeDelivery: () => void
  /** Signs the share form's state; any instance can check it. */
  secret?: string | undefined
}

/** Where a share came from, carried (signed) in the form's state. */
interface ShareOrigin {
  url: string
  conversationId: string
  kind: 'direct' | 'group' | 'channel'
  threadId?: string
  link?: string
}

const FORM_HOURS = 24
export const ACTION_SHARE_MESSAGE = 'resources.share-message'

/**
 * The first link in a message (in the core's Markdown: adapters turn Slack's <url|label> and
 * Teams' HTML anchors into [label](url)) and what might title it; its hashtags become suggested tags.
 */
export function readSharedMessage(text: string): { url?: string; title: string; hashtags: string[] } {
  const linked = /\[([^\]]*)\]\((https?:\/\/[^\s)]+)\)/i.exec(text)
  const bare = /\b(https?:\/\/[^\s<>)\]]+|www\.[^\s<>)\]]+)/i.exec(text)
  const url = linked?.[2] ?? bare?.[1]?.replace(/[.,;:!?]+$/, '')
  // A link's label stays as words ("a sequence on fractions"), unless it is just the address again.
  const words = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, (_, label: string) => (/[./]/.test(label) ? ' ' : label))
    .replace(/\b(https?:\/\/\S+|www\.\S+)/gi, ' ')
  const hashtags = [...words.matchAll(/(?:^|\s)#([\p{L}\p{N}][\p{L}\p{N}-]*)/gu)].map((m) => m[1]!)
  const firstLine = words.replace(/(?:^|\s)#[\p{L}\p{N}-]+/gu, ' ').split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).find((l) => l.length > 0)
  return { ...(url ? { url } : {}), title: (firstLine ?? '').slice(0, 200), hashtags }
}
const close = (notice: string): FormResult => ({ kind: 'close', notice })

export function createResourcesFeature(deps: ResourcesDeps): Feature {
  const { db, clock } = deps
  const signer = createLinkSigner(deps.secret, 'share-form')

  /** The sub-groups this person may share into: their own, or all for an administrator. */
  const shareable = (actor: Actor) => subgroupsOf(deps, actor)

  /** "already shared by Ann in Secondary Coherence on 3 Feb; now in 2 groups" for a resource in the library. */
  function alreadyShared(resource: Resource, shares: Share[]): string {
    const first = shares[0]
    const by = sharer(resource)
    const where = first ? ` in ${userText(first.subgroupName)}` : ''
    return `Already in the library: shared by ${by}${where}; now in ${shares.length === 1 ? '1 group' : `${shares.length} groups`}.`
  }

  /** Opens the share form for a link, with what is known prefilled; answers plainly when it cannot. */
  async function startShare(
    event: { actor: Actor; place: CommandEvent['place'] },
    ctx: HandlerContext,
    input: { raw: string; tagsText: string; title?: string; threadId?: string | undefined; link?: string | undefined },
  ) {
    const read = readResourceUrl(input.raw)
    if (!read.ok) return answerPrivately(ctx.reply, textMessage(read.problem))
    const tags = readTags(input.tagsText)
    if (tags.problems.length) return answerPrivately(ctx.reply, textMessage(`Nothing is shared yet. ${userText(tags.problems.join(' '))}`))
    const subgroups = await shareable(event.actor)
    if (subgroups.length === 0)
      return answerPrivately(
        ctx.reply,
        textMessage('You are not in any sub-group yet, so there is nowhere to share this. Sub-groups are set up by a hub administrator, in their channels, with “subgroup”.'),
      )
    if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the command in a channel or in your chat with me.'))
    // Said before the form is filled in; the submission is checked again, where it counts.
    const now = clock.now()
    const waitUntil = personMayShareFrom(await recentSharesBy(db, event.actor, event.actor.userId, new Date(now.getTime() - SHARE_HISTORY_MS)), now)
    if (waitUntil) return answerPrivately(ctx.reply, textMessage(personLimitSentence(waitUntil, now)))
    const existing = await findResource(db, event.actor.platform, event.actor.workspaceId, read.canonical)
    const here = subgroups.filter((s) => s.channels.includes(event.place.conversationId)).map((s) => s.id)
    const origin: ShareOrigin = {
      url: read.url,
      conversationId: event.place.conversationId,
      kind: event.place.kind,
      ...(input.threadId ? { threadId: input.threadId } : {}),
      ...(input.link ? { link: input.link } : {}),
    }
    await ctx.reply.openForm(
      shareForm({
        state: signer.sign(origin, new Date(clock.now().getTime() + FORM_HOURS * 60 * 60_000)),
        url: read.url,
        title: existing?.title ?? input.title ?? '',
        tags: [...(existing?.tags ?? []), ...tags.tags.map((t) => t.value)].filter((v, i, all) => all.indexOf(v) === i).join(', '),
        subgroups,
        chosen: here,
        ...(existing ? { alreadyShared: alreadyShared(existing, (await listShares(db, event.actor, [existing.id])).get(existing.id) ?? []) } : {}),
      }),
    )
  }

  async function submitShare(event: FormSubmitEvent): Promise<FormResult> {
    const origin = signer.verify(event.state, clock.now()) as ShareOrigin | undefined
    if (!origin) return close('This form has expired. Please share the link again.')
    const read = readResourceUrl(origin.url)
    if (!read.ok) return close(read.problem)
    const subgroups = await shareable(event.actor)
    const form = shareForm({ state: event.state, url: read.url, title: event.values.title ?? '', tags: event.values.tags ?? '', subgroups, chosen: [] })
    const errors = validateForm(form, event.values)
    const tags = readTags(event.values.tags ?? '')
    if (tags.problems.length) errors.tags = tags.problems.join(' ')
    const chosen = (event.values.subgroups ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    const allowed = new Set(subgroups.map((s) => s.id))
    // A forged submission naming a sub-group the person is not in is refused whole.
    if (chosen.some((id) => !allowed.has(id))) errors.subgroups = 'You can only share into sub-groups you are a member of.'
    if (Object.keys(errors).length) return { kind: 'errors', form, errors }

    const now = clock.now()
    const chosenGroups = subgroups.filter((s) => chosen.includes(s.id))
    // The limits, the library entry and its posts in one transaction: a refused share leaves
    // nothing, and an entry is never kept without its posts.
    const outcome = await db.transaction().execute(async (trx) => {
      const existing = await findResource(trx, event.actor.platform, event.actor.workspaceId, read.canonical)
      const holding = new Set(existing ? ((await listShares(trx, event.actor, [existing.id])).get(existing.id) ?? []).map((s) => s.subgroupId) : [])
      const refusal = await overLimit(trx, event.actor, chosenGroups.filter((s) => !holding.has(s.id)), now, form)
      if (refusal) return { refusal }
      const shared = await shareResource(trx, {
        platform: event.actor.platform,
        workspaceId: event.actor.workspaceId,
        url: read.url,
        canonicalUrl: read.canonical,
        host: read.host,
        title: event.values.title!.trim(),
        tags: tags.tags.map((t: Tag) => t.value),
        sharedBy: event.actor.userId,
        sharedByName: event.actor.name,
        from: { conversationId: origin.conversationId, threadId: origin.threadId, link: origin.link },
        subgroupIds: chosenGroups.map((s) => s.id),
        at: now,
      })
      // Where it is now, the new sub-groups included: for the posts and for the answer.
      const shares = (await listShares(trx, event.actor, [shared.resource.id])).get(shared.resource.id) ?? []
      const reached = chosenGroups.filter((s) => shared.newSubgroupIds.includes(s.id))
      const posted = await enqueue(trx, postsFor(shared.resource, shares, reached, origin, event.actor, subgroups, now))
      return { ...shared, shares, reached, posted }
    })
    if (outcome.refusal) {
      deps.log.info({ subgroups: chosenGroups.length }, 'share refused: over the share limits')
      return outcome.refusal
    }
    const { resource, created, shares, reached, posted } = outcome
    if (posted > 0) deps.wakeDelivery()
    deps.log.info({ resource: resource.id, created, subgroups: reached.length, channels: posted }, 'resource shared')
    const sent = reached.length ? `Sent to ${userText(reached.map((s) => s.name).join(', '))}.` : 'Every sub-group you chose has it already, so nothing was sent again.'
    if (created) return close(`Shared “${userText(resource.title)}”. ${sent}`)
    return close(`${alreadyShared(resource, shares)} ${sent}`)
  }

  /**
   * Why a share that would post into these sub-groups must wait, as the form's answer, or
   * undefined when it may go now. A share that posts nowhere new is never held back.
   */
  async function overLimit(trx: Db, actor: Actor, reaching: Subgroup[], now: Date, form: Form): Promise<FormResult | undefined> {
    if (reaching.length === 0) return undefined
    const since = new Date(now.getTime() - SHARE_HISTORY_MS)
    // The sub-groups are locked first, so that a burst of submissions into them (a script's)
    // is counted one after another, the person's own shares included.
    const taken = await recentSharesInto(trx, actor, reaching.map((s) => s.id), since)
    const personFrom = personMayShareFrom(await recentSharesBy(trx, actor, actor.userId, since), now)
    if (personFrom) return close(personLimitSentence(personFrom, now))
    const full = reaching.flatMap((s) => {
      const until = subgroupMayTakeFrom(taken.get(s.id) ?? [], now)
      return until ? [{ name: s.name, until }] : []
    })
    return full.length ? { kind: 'errors', form, errors: { subgroups: subgroupLimitSentence(full, now) } } : undefined
  }

  /** One post per channel through the outbox: exactly once per channel, however many sub-groups share it. */
  function postsFor(resource: Resource, shares: Share[], targets: Subgroup[], origin: ShareOrigin, actor: Actor, known: Subgroup[], now: Date): OutboxItem[] {
    const fromGroup = known.find((s) => s.channels.includes(origin.conversationId))
    const fromLabel = origin.kind === 'direct' ? 'a direct message' : fromGroup ? fromGroup.name : 'another channel'
    const channels = [...new Set(targets.flatMap((s) => s.channels))]
      // A message shared from a channel is already there: it is not posted there again.
      .filter((channel) => !(origin.threadId && channel === origin.conversationId))
    return channels.map((channel) => {
      const groupsHere = targets.filter((s) => s.channels.includes(channel)).map((s) => s.name)
      const elsewhere = shares.map((s) => s.subgroupName).filter((name) => !groupsHere.includes(name))
      return {
        key: `resource:${resource.id}:${channel}`,
        about: { kind: 'resource-post' as const },
        platform: actor.platform,
        target: { workspaceId: actor.workspaceId, kind: 'conversation' as const, id: channel },
        message: renderResourcePost(resource, { sharedBy: actor.userId, sharedByName: actor.name, fromLabel, fromLink: origin.link }, elsewhere),
        dueAt: now,
      }
    })
  }

  async function submitSubgroup(event: FormSubmitEvent): Promise<FormResult> {
    if (!(await deps.isAdmin(event.actor))) return close(adminsOnly('define sub-groups').text)
    if (event.place.kind === 'direct') return close('Run this in the sub-group’s channel, not in a direct message.')
    const form = subgroupForm()
    const errors = validateForm(form, event.values)
    if (Object.keys(errors).length) return { kind: 'errors', form, errors }
    const phase = PHASES.find((p) => p.value === event.values.phase)?.value
    const { subgroup, created } = await saveSubgroup(db, {
      platform: event.actor.platform,
      workspaceId: event.actor.workspaceId,
      name: event.values.name!,
      phase,
      conversationId: event.place.conversationId,
      createdBy: event.actor.userId,
    })
    const channels = subgroup.channels.length === 1 ? 'This is its only channel.' : `It now lives in ${subgroup.channels.length} channels.`
    return close(`${created ? 'Created' : 'Updated'} the sub-group “${userText(subgroup.name)}”. ${channels} Resources shared into it will be posted here, and its members can share into it.`)
  }

  async function search(event: { actor: Actor }, args: string, from: number): Promise<Message> {
    const found = await searchLibrary(db, event.actor, args, from)
    const shares = await listShares(db, event.actor, found.resources.map((r) => r.id))
    return renderSearchResults(args, found, shares, deps.zone)
  }

  return {
    name: 'resources',
    commands: {
      share: async (event, args, ctx) => {
        if (args === '')
          return answerPrivately(
            ctx.reply,
            textMessage(`To share a resource, give its link and any tags: ${ctx.hint('share https://nrich.maths.org/fractions #fractions #ks2')}. You can also use the “Share resource” action on any message.`),
          )
        const [raw = '', ...rest] = args.split(/\s+/)
        // "share" followed by words, not a link, is a question for the catalogue.
        if (!/[.:/]/.test(raw)) return 'pass'
        await startShare(event, ctx, { raw, tagsText: rest.join(' ') })
      },
      resources: async (event, args, ctx) => {
        if (args === '') return answerPrivately(ctx.reply, textMessage(`Say what you are looking for: for example ${ctx.hint('resources fractions ks3')}.`))
        await answerPrivately(ctx.reply, await search(event, args, 0))
      },
      'subgroup remove': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('change sub-groups'))
        const here = (await listSubgroups(db, event.actor.platform, event.actor.workspaceId)).filter((s) => s.channels.includes(event.place.conversationId))
        if (here.length === 0) return answerPrivately(ctx.reply, textMessage('This channel is not in any sub-group, so there is nothing to remove.'))
        for (const subgroup of here) await removeChannel(db, subgroup, event.place.conversationId)
        await answerPrivately(
          ctx.reply,
          textMessage(`Done: this channel is no longer in ${here.map((s) => `“${userText(s.name)}”`).join(' or ')}. Nothing more will be posted here for it; its resources stay in the library.`),
        )
      },
      subgroup: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('define sub-groups'))
        if (event.place.kind === 'direct') return answerPrivately(ctx.reply, textMessage('Run this in the sub-group’s channel, not in a direct message.'))
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the command in the channel.'))
        const here = (await listSubgroups(db, event.actor.platform, event.actor.workspaceId)).find((s) => s.channels.includes(event.place.conversationId))
        await ctx.reply.openForm(subgroupForm(here))
      },
      subgroups: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        await answerPrivately(ctx.reply, renderSubgroups(await listSubgroups(db, event.actor.platform, event.actor.workspaceId), event.place.conversationId))
      },
    },
    actions: {
      [ACTION_MORE_RESULTS]: async (event, ctx) => {
        const more = readMoreResultsValue(event.value)
        if (!more) return answerPrivately(ctx.reply, textMessage('That button is from an older search: search again with “resources” and a few words.'))
        await replaceOrAnswer(ctx.reply, await search(event, more.query, more.from))
      },
    },
    messageActions: {
      [ACTION_SHARE_MESSAGE]: async (event, ctx) => {
        const shared = readSharedMessage(event.message.text)
        if (!shared.url) return answerPrivately(ctx.reply, textMessage('That message has no link in it to share. Share a message with a web link, or use “share” with the link.'))
        // A message's own hashtags are only suggestions: those that are not good tags are left out.
        const tagsText = shared.hashtags.filter((h) => readTags(`#${h}`).problems.length === 0).map((h) => `#${h}`).join(' ')
        await startShare(event, ctx, { raw: shared.url, tagsText, title: shared.title, threadId: event.message.threadId, link: event.message.link })
      },
    },
    forms: {
      [FORM_SHARE]: (event) => submitShare(event),
      [FORM_SUBGROUP]: (event) => submitSubgroup(event),
    },
    help: [
      { usage: 'share https://… #fractions #ks3', description: 'share a link with your sub-groups; it is filed once in the library, however often it is shared' },
      { usage: 'resources fractions ks3', description: 'search the library by words and tags' },
      { usage: 'subgroups', description: 'the sub-groups and their channels' },
      { usage: 'subgroup', description: 'put this channel in a sub-group, or create one (hub administrators)', audience: 'admin' },
      { usage: 'subgroup remove', description: 'take this channel out of its sub-group (hub administrators)', audience: 'admin' },
    ],
  }
}
