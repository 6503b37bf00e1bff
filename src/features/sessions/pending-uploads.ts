// A Lead who asked to import sessions where forms cannot carry files (Teams) sends the file in
// their 1:1 chat with the bot next; this remembers which Work Group it is for, for a while.
import type { Actor } from '../../core/events.js'
import type { Db } from '../../db/database.js'

/** How long the bot waits for the file after "import sessions". */
export const UPLOAD_WAIT_MINUTES = 30

export async function expectUpload(db: Db, actor: Actor, workGroupId: string, now: Date): Promise<void> {
  const expires_at = new Date(now.getTime() + UPLOAD_WAIT_MINUTES * 60_000)
  await db
    .insertInto('pending_uploads')
    .values({ platform: actor.platform, workspace_id: actor.workspaceId, user_id: actor.userId, work_group_id: workGroupId, expires_at })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id']).doUpdateSet({ work_group_id: workGroupId, expires_at }))
    .execute()
}

/** The Work Group the actor's next file is for, if they asked recently. */
export async function expectedUpload(db: Db, actor: Actor, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('pending_uploads')
    .select('work_group_id')
    .where('platform', '=', actor.platform)
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row?.work_group_id
}

export async function uploadReceived(db: Db, actor: Actor): Promise<void> {
  await db
    .deleteFrom('pending_uploads')
    .where('platform', '=', actor.platform)
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .execute()
}
