// A Work Group straight in the database, for tests about what happens once one exists (setting
// one up through the platforms is tested in test/reminders/work-group-reminders.test.ts).
import type { Platform } from '../../src/core/events.js'
import type { Db } from '../../src/db/database.js'
import { ensureHub, saveWorkGroup } from '../../src/domain/work-groups.js'

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
  const hubId = await ensureHub(db, seed.platform, seed.workspaceId, seed.hub)
  const { id } = await saveWorkGroup(db, {
    platform: seed.platform,
    workspaceId: seed.workspaceId,
    conversationId: seed.conversationId,
    hubId,
    projectId: seed.projectTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    projectTitle: seed.projectTitle,
    schoolYear: seed.schoolYear ?? '2026/27',
    leadUserId: seed.leadUserId,
  })
  return id
}
