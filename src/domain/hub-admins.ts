// Who is a hub administrator: those named in configuration (HUB_ADMINS, the first ones), and
// those another administrator has named in chat (`admins`), per workspace or tenant.
import type { Actor, Platform } from '../core/events.js'
import { type Message, textMessage } from '../core/messages.js'
import type { Db } from '../db/database.js'

export type AdminCheck = (actor: Actor) => Promise<boolean>

/** A hub administrator named in configuration: in one workspace, or (no workspace) in every one. */
export interface ConfiguredAdmin {
  workspaceId?: string
  userId: string
}

/** The configured administrators of this workspace, by user id. */
export function configuredAdminsIn(configured: readonly ConfiguredAdmin[], workspaceId: string): string[] {
  return configured.filter((a) => a.workspaceId === undefined || a.workspaceId === workspaceId).map((a) => a.userId)
}

export function adminCheck(db: Db, configured: readonly ConfiguredAdmin[]): AdminCheck {
  return async (actor) => {
    if (configuredAdminsIn(configured, actor.workspaceId).includes(actor.userId)) return true
    const row = await db
      .selectFrom('roles')
      .select('user_id')
      .where('platform', '=', actor.platform)
      .where('workspace_id', '=', actor.workspaceId)
      .where('user_id', '=', actor.userId)
      .where('role', '=', 'hub_admin')
      .executeTakeFirst()
    return row !== undefined
  }
}

/**
 * Only the administrators named in configuration: for what reaches beyond one workspace (the
 * projects catalogue every workspace answers from), which an administrator named in chat in
 * one organisation must not change for the others.
 */
export function configuredAdminCheck(configured: readonly ConfiguredAdmin[]): AdminCheck {
  return async (actor) => configuredAdminsIn(configured, actor.workspaceId).includes(actor.userId)
}

/** The refusal for someone who is not an administrator; it says who can and how to become one. */
export function adminsOnly(what: string): Message {
  return textMessage(`Only a hub administrator can ${what}. An administrator can make you one with “admins”.`)
}

export async function grantAdmins(db: Db, place: { platform: Platform; workspaceId: string }, userIds: string[], grantedBy: string): Promise<string[]> {
  if (userIds.length === 0) return []
  const rows = await db
    .insertInto('roles')
    .values(userIds.map((user_id) => ({ platform: place.platform, workspace_id: place.workspaceId, user_id, role: 'hub_admin' as const, granted_by: grantedBy })))
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id', 'role']).doNothing())
    .returning('user_id')
    .execute()
  return rows.map((r) => r.user_id)
}

export async function revokeAdmins(db: Db, place: { platform: Platform; workspaceId: string }, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return []
  const rows = await db
    .deleteFrom('roles')
    .where('platform', '=', place.platform)
    .where('workspace_id', '=', place.workspaceId)
    .where('role', '=', 'hub_admin')
    .where('user_id', 'in', userIds)
    .returning('user_id')
    .execute()
  return rows.map((r) => r.user_id)
}

/** Administrators named in chat in this workspace (those from configuration are not listed here). */
export async function listGrantedAdmins(db: Db, place: { platform: Platform; workspaceId: string }): Promise<string[]> {
  const rows = await db
    .selectFrom('roles')
    .select('user_id')
    .where('platform', '=', place.platform)
    .where('workspace_id', '=', place.workspaceId)
    .where('role', '=', 'hub_admin')
    .orderBy('granted_at')
    .execute()
  return rows.map((r) => r.user_id)
}
