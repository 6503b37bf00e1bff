// Resource messages: the post in each sub-group's channel (who shared it, from where, with a
// link back), search results with where each resource has been used, and the weekly digest.
import { DateTime } from 'luxon'
import type { Block, Message } from '../../core/messages.js'
import { linkTarget, mention, textMessage, truncate, userText } from '../../core/messages.js'
import type { SearchPage } from './resource-search.js'
import type { Resource, Share } from './resource-store.js'
import { readTags, tagLabel } from './resource-tags.js'
import type { Subgroup } from '../../domain/subgroups.js'

/** "Fractions · KS3 · retrieval": stored tag values in their display form, as message text. */
export function tagsLine(values: string[], max: number): string {
  const line = values.map((value) => readTags(`#${value}`).tags[0] ?? { kind: 'free' as const, value, label: value }).map((tag) => tagLabel(tag)).join(' · ')
  return userText(truncate(line, max))
}

/** Who shared it; after the retention period that is no longer kept. */
export function sharer(r: Pick<Resource, 'sharedBy' | 'sharedByName'>): string {
  return r.sharedBy ? mention({ userId: r.sharedBy, name: r.sharedByName }) : 'a colleague'
}

/**
 * Titles and URLs come from people: the title is escaped so it reads as typed inside the
 * link, and the URL kept from breaking out of it (renderers link only http and https).
 */
function link(title: string, url: string): string {
  return `[${userText(title)}](${linkTarget(url)})`
}

/** Names of sub-groups, as message text. */
function names(list: string[], max: number): string {
  return userText(truncate(list.join(', '), max))
}

export interface Provenance {
  sharedBy: string
  sharedByName?: string | undefined
  /** Where it was shared from, in words: a sub-group's name, or "a direct message". */
  fromLabel: string
  /** A link back to the original message, when there is one. */
  fromLink?: string | undefined
}

/** What each sub-group's channel sees. Replies go in this post's thread, as with any message. */
export function renderResourcePost(resource: Resource, from: Provenance, elsewhere: string[]): Message {
  const by = mention({ userId: from.sharedBy, name: from.sharedByName })
  const blocks: Block[] = [
    { type: 'text', text: `**${link(truncate(resource.title, 200), resource.url)}**\n${userText(resource.host)}` },
    {
      type: 'context',
      text: `Shared by ${by} from ${userText(from.fromLabel)}${from.fromLink ? ` · ${link('the original discussion', from.fromLink)}` : ''}${
        elsewhere.length ? ` · also in ${names(elsewhere, 300)}` : ''
      }`,
    },
  ]
  if (resource.tags.length) blocks.push({ type: 'context', text: tagsLine(resource.tags, 500) })
  return { text: `${userText(truncate(resource.title, 150))}, shared by ${userText(from.sharedByName ?? 'a colleague')}`, blocks }
}

/** The "Show more" button under search results: its value says what was searched and where the next page starts. */
export const ACTION_MORE_RESULTS = 'resources.more'
/** A query longer than this is prose; the button carries the start of it. */
const MORE_QUERY_MAX = 500

export function moreResultsValue(query: string, from: number): string {
  return JSON.stringify({ q: query.slice(0, MORE_QUERY_MAX), from })
}

export function readMoreResultsValue(value: string): { query: string; from: number } | undefined {
  try {
    const parsed = JSON.parse(value) as { q?: unknown; from?: unknown }
    if (typeof parsed.q !== 'string' || !Number.isInteger(parsed.from) || (parsed.from as number) < 0) return undefined
    return { query: parsed.q, from: parsed.from as number }
  } catch {
    return undefined
  }
}

export function renderSearchResults(query: string, found: SearchPage, shares: Map<string, Share[]>, zone: string): Message {
  const asked = userText(truncate(query, 100))
  if (found.librarySize === 0) return textMessage('The library is empty so far: links shared with “share” can be found here.')
  if (found.total === 0) {
    const tags = found.suggestions.map((value) => userText(tagLabel(readTags(`#${value}`).tags[0] ?? { kind: 'free', value })))
    const tryThese = tags.length ? ` Try fewer words, or one of the tags it has most of: ${tags.length === 1 ? tags[0] : `${tags.slice(0, -1).join(', ')} or ${tags.at(-1)}`}.` : ' Try fewer words.'
    return textMessage(`Nothing in the library matches “${asked}”.${tryThese}`)
  }
  const blocks: Block[] = [{ type: 'header', text: `Resources: ${userText(truncate(query, 138))}` }]
  if (found.complete === 0 && found.from === 0) blocks.push({ type: 'context', text: `Nothing has all of “${asked}”; these have some of it.` })
  for (const r of found.resources) {
    const used = shares.get(r.id) ?? []
    const when = DateTime.fromJSDate(r.createdAt, { zone }).toFormat('d LLL yyyy')
    const lines = [
      `**${link(truncate(r.title, 200), r.url)}** · ${userText(r.host)}`,
      r.tags.length ? tagsLine(r.tags, 300) : '',
      `Shared by ${sharer(r)}, ${when}${used.length ? ` · used in ${names(used.map((u) => u.subgroupName), 300)}` : ''}`,
    ]
    blocks.push({ type: 'text', text: lines.filter(Boolean).join('\n') })
  }
  const shownTo = found.from + found.resources.length
  if (found.total > found.resources.length) {
    blocks.push({ type: 'context', text: `Showing ${found.from + 1}–${shownTo} of ${found.total}.` })
    if (shownTo < found.total) blocks.push({ type: 'actions', actions: [{ type: 'button', id: ACTION_MORE_RESULTS, label: 'Show more', value: moreResultsValue(query, shownTo) }] })
  }
  return { text: `${found.total === 1 ? '1 resource matches' : `${found.total} resources match`} “${asked}”.`, blocks }
}

/** Monday's message in a sub-group's channels: what reached it last week. */
export function renderWeeklyDigest(subgroup: Subgroup, resources: Resource[]): Message {
  const shown = resources.slice(0, 20)
  const blocks: Block[] = [
    { type: 'header', text: `New this week for ${userText(truncate(subgroup.name, 130))}` },
    ...shown.map((r): Block => ({ type: 'text', text: [`**${link(truncate(r.title, 200), r.url)}** · ${userText(r.host)}`, r.tags.length ? tagsLine(r.tags, 300) : ''].filter(Boolean).join('\n') })),
  ]
  if (resources.length > shown.length) blocks.push({ type: 'context', text: `…and ${resources.length - shown.length} more: search them with “resources”.` })
  return { text: `${resources.length} new resources this week for ${userText(subgroup.name)}.`, blocks }
}

export function renderSubgroups(subgroups: Subgroup[], here: string): Message {
  if (subgroups.length === 0) return textMessage('There are no sub-groups yet. A hub administrator creates one by running “subgroup” in its channel.')
  return {
    text: `${subgroups.length} sub-groups.`,
    blocks: [
      { type: 'header', text: 'Sub-groups' },
      ...subgroups.map((s): Block => ({
        type: 'text',
        text: `**${userText(s.name)}**${s.phase ? ` (${s.phase})` : ''} · ${s.channels.length === 1 ? '1 channel' : `${s.channels.length} channels`}${s.channels.includes(here) ? ', including this one' : ''}`,
      })),
    ],
  }
}
