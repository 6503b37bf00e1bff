// Scope by construction: every table holding a workspace's data carries `platform` and
// `workspace_id`, and the store that features are given refuses, before it reaches the
// database, any query on such a table that does not name both (a condition in its WHERE or
// JOIN … ON, or both columns in an INSERT). A feature that forgets the workspace fails closed
// with a coded error instead of reading another organisation's data. Work that spans every
// workspace (planning reminders, delivery, retention, the Slack installation store) is given
// the unguarded store by the composition root, by name.
import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { BotError } from '../core/errors.js'

/** Tables whose rows belong to one workspace (a Slack team or a Teams tenant). */
export const WORKSPACE_TABLES: ReadonlySet<string> = new Set([
  'hubs',
  'hub_holidays',
  'work_groups',
  'participants',
  'sessions',
  'session_rsvps',
  'reflections',
  'reflection_opt_outs',
  'attendance_registers',
  'attendance',
  'person_schools',
  'session_check_ins',
  'subgroups',
  'subgroup_channels',
  'resources',
  'resource_shares',
  'roles',
  'catalogue_questions',
  'catalogue_answer_feedback',
  'conversation_references',
  'pending_uploads',
  'outbox',
  'held_files',
])

const SCOPE_COLUMNS = ['platform', 'workspace_id'] as const

type Node = OperationNode & Record<string, any>

/** Why this query is not scoped to one workspace, or undefined when it is. */
export function unscopedReason(root: RootOperationNode): string | undefined {
  if (root.kind === 'RawNode') return 'a raw SQL statement cannot be checked for its workspace'
  return checkQuery(root as Node)
}

function checkQuery(query: Node): string | undefined {
  const tables = ownTables(query).filter((t) => WORKSPACE_TABLES.has(t))
  if (tables.length > 0) {
    const named = query.kind === 'InsertQueryNode' ? insertColumns(query) : conditionColumns(query)
    const missing = SCOPE_COLUMNS.filter((c) => !named.has(c))
    if (missing.length > 0) return `${query.kind.replace('QueryNode', '').toLowerCase()} on ${tables.join(', ')} without ${missing.join(' and ')}`
  }
  // Subqueries answer for themselves.
  for (const sub of subqueries(query)) {
    const reason = checkQuery(sub)
    if (reason) return reason
  }
  return undefined
}

/** The tables this query reads or writes itself (not those of its subqueries). */
function ownTables(query: Node): string[] {
  const nodes: Node[] = []
  if (query.kind === 'SelectQueryNode' || query.kind === 'DeleteQueryNode') nodes.push(...((query.from?.froms ?? []) as Node[]))
  if (query.kind === 'UpdateQueryNode' && query.table) nodes.push(query.table)
  if (query.kind === 'UpdateQueryNode') nodes.push(...((query.from?.froms ?? []) as Node[]))
  if (query.kind === 'InsertQueryNode' && query.into) nodes.push(query.into)
  for (const join of (query.joins ?? []) as Node[]) nodes.push(join.table)
  return nodes.flatMap(tableName)
}

function tableName(node: Node): string[] {
  if (node.kind === 'AliasNode') return tableName(node.node)
  if (node.kind === 'TableNode') return [node.table.identifier.name]
  return []
}

/** Columns compared with `=` or `in` in the query's own WHERE and JOIN … ON. */
function conditionColumns(query: Node): Set<string> {
  const found = new Set<string>()
  const visit = (node: Node | undefined) => {
    if (!node || typeof node !== 'object') return
    if (isQuery(node)) return
    if (node.kind === 'BinaryOperationNode') {
      const operator = node.operator?.operator
      if (operator === '=' || operator === 'in') {
        for (const side of [node.leftOperand, node.rightOperand] as Node[]) {
          const column = columnName(side)
          if (column) found.add(column)
        }
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v))
      else if (value && typeof value === 'object' && 'kind' in value) visit(value as Node)
    }
  }
  visit(query.where)
  for (const join of (query.joins ?? []) as Node[]) visit(join.on)
  return found
}

function insertColumns(query: Node): Set<string> {
  return new Set(((query.columns ?? []) as Node[]).map((c) => c.column?.name as string))
}

function columnName(node: Node | undefined): string | undefined {
  if (!node) return undefined
  if (node.kind === 'ReferenceNode' && node.column?.kind === 'ColumnNode') return node.column.column.name
  if (node.kind === 'ColumnNode') return node.column.name
  return undefined
}

function isQuery(node: Node): boolean {
  return node.kind === 'SelectQueryNode' || node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode' || node.kind === 'DeleteQueryNode'
}

/** Every query nested anywhere in this one, outermost first. */
function subqueries(query: Node): Node[] {
  const found: Node[] = []
  const visit = (node: Node, top: boolean) => {
    if (!top && isQuery(node)) {
      found.push(node)
      return
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) v && typeof v === 'object' && 'kind' in v && visit(v, false)
      else if (value && typeof value === 'object' && 'kind' in value) visit(value as Node, false)
    }
  }
  visit(query, true)
  return found
}

/** The kysely plugin: refuses an unscoped query with the code `unscoped_query`. */
export function workspaceGuard(): KyselyPlugin {
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const reason = unscopedReason(args.node)
      if (reason) throw new BotError('unscoped_query', `Refused a query not scoped to one workspace: ${reason}.`)
      return args.node
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  }
}
