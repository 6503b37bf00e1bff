// What a catch-up says about one session, read at the moment it is sent or asked for: the
// session's own notes, the group's next session, what reached the group's channel since, and
// the themes of the group's visible reflections. The same for everyone who missed it; only the
// line about the reader differs.
import type { Db } from '../../db/database.js'
import { type ChannelResource, listChannelResources } from '../../domain/channel-resources.js'
import { listSessionReflections } from '../../domain/reflections.js'
import { listUpcomingSessions, type Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { groupThemes, type GroupThemes } from './group-themes.js'

export interface CatchUpFacts {
  group: WorkGroup
  session: Session
  /** The group's next session still to come after this one, if one is planned. */
  next?: Session
  /** Newest first: what reached the group's channel since the session started. */
  resources: ChannelResource[]
  themes: GroupThemes
}

/** `themes: false` leaves the reflections unread (and unsaid): for words that will be stored. */
export async function gatherCatchUp(db: Db, group: WorkGroup, session: Session, now: Date, options: { themes: boolean } = { themes: true }): Promise<CatchUpFacts> {
  const [upcoming, resources, reflections] = await Promise.all([
    listUpcomingSessions(db, group, now, 5),
    listChannelResources(db, group, group.conversationId, session.startsAt, now),
    options.themes ? listSessionReflections(db, session) : [],
  ])
  const next = upcoming.find((s) => s.startsAt > session.startsAt)
  return { group, session, ...(next ? { next } : {}), resources, themes: groupThemes(reflections) }
}
