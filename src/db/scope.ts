// The workspace a piece of data belongs to: a Slack team or a Teams tenant, on its platform.
// Every store function that reads or writes workspace data takes one (the types require it),
// and the store features are given refuses a query that does not name it (src/db/workspace-guard.ts).
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Platform } from '../core/events.js'

export interface Scope {
  readonly platform: Platform
  readonly workspaceId: string
}

/** The scope of whoever (or whatever) did something: an actor, a Work Group, a delivery target. */
export function scopeOf(of: { platform: Platform; workspaceId: string }): Scope {
  return { platform: of.platform, workspaceId: of.workspaceId }
}

export function sameScope(a: Scope, b: Scope): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId
}

/**
 * The condition `platform = … and workspace_id = …` on one table of a query (by its alias, or
 * unqualified when the query has one table): `.where(inScope(scope, 'w'))`.
 */
export function inScope(scope: Scope, alias?: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const column = (name: string) => (alias ? `${alias}.${name}` : name)
  return (eb) => eb.and([eb(eb.ref(column('platform')), '=', scope.platform), eb(eb.ref(column('workspace_id')), '=', scope.workspaceId)])
}

/** The columns that put a new row in a workspace: spread into `.values({...})`. */
export function scopeColumns(scope: Scope): { platform: Platform; workspace_id: string } {
  return { platform: scope.platform, workspace_id: scope.workspaceId }
}

/**
 * The same condition for rows of several workspaces at once (a planner's batch): both columns
 * `in` the set. Rows are still picked by their ids; this only keeps each inside a workspace named.
 */
export function inScopes(scopes: readonly Scope[], alias?: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  if (scopes.length === 1) return inScope(scopes[0]!, alias)
  const column = (name: string) => (alias ? `${alias}.${name}` : name)
  const platforms = [...new Set(scopes.map((s) => s.platform))]
  const workspaces = [...new Set(scopes.map((s) => s.workspaceId))]
  return (eb) =>
    eb.and([eb(eb.ref(column('platform')), 'in', platforms.length ? platforms : ['']), eb(eb.ref(column('workspace_id')), 'in', workspaces.length ? workspaces : [''])])
}
