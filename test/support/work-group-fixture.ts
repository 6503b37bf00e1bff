// A Work Group straight in the database, for tests about what happens once one exists (setting
// one up through the platforms is tested in test/reminders/work-group-reminders.test.ts).
import type { Platform } from '../../src/core/events.js'
import type { Db } from '../../src/db/database.js'
import type { Scope } from '../../src/db/scope.js'
import { ensureHub, type GroupRef, saveWorkGroup } from '../../src/domain/work-groups.js'

const seeded = new Map<string, Scope>()

/** A seeded group's id with its workspace, as the domain's store functions take it. */
export function ref(groupId: string): GroupRef {
  const scope = seeded.get(groupId)
  if (!scope) throw new Error(`No Work Group ${groupId} was seeded by this test file`)
  return { ...scope, id: groupId }
}

export interface WorkGroupSeed {
  platform: Platform
  workspaceId: string
  conversationId: string
  leadUserId: string
  hub: string
  projectTitle: string
  schoolYear?: string
}

/** Creates the hub if needed and the group; returns the group's id. */
export async function seedWorkGroup(db: Db, seed: WorkGroupSeed): Promise<string> {
  const hubId = await ensureHub(db, seed, seed.hub)
  const saved = await saveWorkGroup(db, {
    platform: seed.platform,
    workspaceId: seed.workspaceId,
    conversationId: seed.conversationId,
    hubId,
    projectId: seed.projectTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    projectTitle: seed.projectTitle,
    schoolYear: seed.schoolYear ?? '2026/27',
    leadUserId: seed.leadUserId,
  })
  if (saved === 'stale') throw new Error(`A Work Group is already seeded in ${seed.conversationId}`)
  const { id } = saved
  seeded.set(id, { platform: seed.platform, workspaceId: seed.workspaceId })
  return id
}
