// Table types for kysely: what the queries may read and write. Migrations do not import
// these; they describe the schema the migrations produce.
import type { ColumnType, Insertable, Selectable } from 'kysely'

/** A timestamptz with a database default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface CatalogueYearTable {
  school_year: string
  start_year: number
  source: string
  imported_at: Timestamp
}

export interface CatalogueProjectTable {
  school_year: string
  id: string
  position: number
  title: string
  strand: string | null
  phases: string[]
  audience: string[]
  entry_point: string
  follows: string | null
  format: string
  is_new: boolean
  partner: string | null
  summary: string
  /** Defaults to none on insert. */
  keywords: ColumnType<string[], string[] | undefined, string[]>
}

export interface ProcessedEventTable {
  event_key: string
  received_at: Timestamp
  /** 'claimed' while an instance works on it (until lease_until), 'done' once answered. */
  status: ColumnType<'claimed' | 'done', 'claimed' | 'done' | undefined, 'claimed' | 'done'>
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface ConversationReferenceTable {
  platform: string
  conversation_id: string
  workspace_id: string
  conversation_kind: string
  user_id: string | null
  /** Always written with JSON.stringify: pg and PGlite serialise objects differently. */
  reference: ColumnType<unknown, string, string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CatalogueQuestionTable {
  id: ColumnType<string, string | undefined, never>
  platform: string
  workspace_id: string
  user_id: string
  question: string
  school_year: string
  outcome: 'answered' | 'nothing_fits'
  reason: string | null
  project_ids: string[]
  answered_by: 'rules' | 'ai'
  /** Always written with JSON.stringify. */
  answer: ColumnType<unknown, string, string>
  asked_at: Timestamp
}

export interface CatalogueAnswerFeedbackTable {
  platform: string
  workspace_id: string
  question_id: string
  user_id: string
  helpful: boolean
  given_at: Timestamp
}

/** A uuid primary key the database fills in. */
type GeneratedId = ColumnType<string, string | undefined, never>
/** A date without a time (pg returns these as text with our type parsing). */
type DateOnly = ColumnType<string, string, string>

export interface HubTable {
  id: GeneratedId
  platform: string
  workspace_id: string
  name: string
  name_key: string
  quiet_start: ColumnType<string, string | undefined, string>
  quiet_end: ColumnType<string, string | undefined, string>
  quiet_weekends: ColumnType<boolean, boolean | undefined, boolean>
  notice_hours: ColumnType<number, number | undefined, number>
  created_at: Timestamp
}

export interface HubHolidayTable {
  platform: string
  workspace_id: string
  hub_id: string
  starts_on: DateOnly
  ends_on: DateOnly
  label: string | null
}

export interface WorkGroupTable {
  id: GeneratedId
  platform: string
  workspace_id: string
  conversation_id: string
  hub_id: string
  project_id: string
  project_title: string
  school_year: string
  lead_user_id: string
  reminder_offsets: ColumnType<number[], number[] | undefined, number[]>
  calendar_token: ColumnType<string, never, never>
  reflection_delay_minutes: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  /** Counts changes to the group's settings; a form names the version it edits. */
  version: ColumnType<number, number | undefined, number>
}

export interface ParticipantTable {
  platform: string
  workspace_id: string
  work_group_id: string
  user_id: string
  name: string | null
  /** Always written with JSON.stringify. */
  address: ColumnType<unknown, string | null, string | null>
  source: 'channel' | 'manual'
  active: ColumnType<boolean, boolean | undefined, boolean>
  updated_at: Timestamp
  /** When the platform said the last join or leave applied happened; older ones are ignored. */
  membership_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface SessionTable {
  platform: string
  workspace_id: string
  id: GeneratedId
  work_group_id: string
  starts_at: ColumnType<Date, Date, Date>
  ends_at: ColumnType<Date, Date, Date>
  title: string | null
  online_url: string | null
  place: string | null
  prepare: string | null
  gap_task: string | null
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_by: string
  created_at: Timestamp
}

export interface SessionRsvpTable {
  platform: string
  workspace_id: string
  session_id: string
  user_id: string
  status: 'going' | 'apologies'
  note: string | null
  late: ColumnType<boolean, boolean | undefined, boolean>
  answered_at: Timestamp
}

export interface OutboxTable {
  id: ColumnType<string, never, never>
  dedupe_key: string
  platform: string
  workspace_id: string
  /** What the message is about, so others can act on it without parsing its key. */
  kind: string
  work_group_id: string | null
  session_id: string | null
  /** The person a direct message goes to. */
  recipient_id: string | null
  target_kind: 'direct' | 'conversation'
  target_id: string
  /** Always written with JSON.stringify. */
  target_address: ColumnType<unknown, string | null, string | null>
  thread_id: string | null
  pace_key: string
  /** Always written with JSON.stringify. */
  message: ColumnType<unknown, string, string>
  due_at: ColumnType<Date, Date, Date>
  not_after: ColumnType<Date | null, Date | null | undefined, Date | null>
  status: ColumnType<'pending' | 'sending' | 'sent' | 'dropped' | 'failed', 'pending' | undefined, 'pending' | 'sending' | 'sent' | 'dropped' | 'failed'>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: ColumnType<Date, Date, Date>
  claimed_by: string | null
  claimed_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  last_error: string | null
  created_at: Timestamp
}

export interface PlannedOnceTable {
  plan_key: string
  planned_at: ColumnType<Date, Date, Date>
}

export interface PendingUploadTable {
  platform: string
  workspace_id: string
  user_id: string
  work_group_id: string
  expires_at: ColumnType<Date, Date, Date>
}

export interface DeliveryPaceTable {
  pace_key: string
  next_allowed_at: ColumnType<Date, Date, Date>
  busy_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  pending: ColumnType<number, number | undefined, number>
}

export interface ReflectionTable {
  platform: string
  workspace_id: string
  session_id: string
  user_id: string
  work_group_id: string
  rating: number
  try_in_class: string | null
  noticed: string | null
  visibility: 'me' | 'lead' | 'anonymised'
  submitted_at: ColumnType<Date, Date, Date>
  updated_at: ColumnType<Date, Date, Date>
  /** Counts edits; a form submission names the version it edits. */
  version: ColumnType<number, number | undefined, number>
}

export type AttendanceStatus = 'attended' | 'apologised' | 'absent'

/** The Lead's confirmation of a session's register; its version names what a form or button edits. */
export interface AttendanceRegisterTable {
  platform: string
  workspace_id: string
  session_id: string
  work_group_id: string
  confirmed_by: string
  confirmed_at: ColumnType<Date, Date, Date>
  updated_by: string
  updated_at: ColumnType<Date, Date, Date>
  version: ColumnType<number, number | undefined, number>
}

/** One person at one session, as the Lead confirmed or corrected it. */
export interface AttendanceTable {
  platform: string
  workspace_id: string
  session_id: string
  work_group_id: string
  user_id: string
  status: AttendanceStatus
  /** For apologies: sent later than the hub's notice period. */
  late: ColumnType<boolean, boolean | undefined, boolean>
  /** Who last set this row, and when. */
  recorded_by: string
  recorded_at: ColumnType<Date, Date, Date>
}

/** A person's "I'm here" at a session: the first time they checked in. */
export interface SessionCheckInTable {
  platform: string
  workspace_id: string
  session_id: string
  work_group_id: string
  user_id: string
  checked_in_at: ColumnType<Date, Date, Date>
}

/** A person's school in a workspace, as they (or their Lead) wrote it. */
export interface PersonSchoolTable {
  platform: string
  workspace_id: string
  user_id: string
  school: string
  /** Groups spellings of one school: lower case, no punctuation, no trailing "school". */
  school_key: string
  given_by: string
  updated_at: ColumnType<Date, Date, Date>
}

export interface ReflectionOptOutTable {
  platform: string
  workspace_id: string
  work_group_id: string
  user_id: string
  created_at: Timestamp
}

export interface SubgroupTable {
  id: GeneratedId
  platform: string
  workspace_id: string
  name: string
  name_key: string
  phase: string | null
  created_by: string
  created_at: Timestamp
}

export interface SubgroupChannelTable {
  platform: string
  workspace_id: string
  subgroup_id: string
  conversation_id: string
}

export interface ResourceTable {
  id: GeneratedId
  platform: string
  workspace_id: string
  canonical_url: string
  url: string
  host: string
  title: string
  tags: ColumnType<string[], string[] | undefined, string[]>
  shared_by: string
  shared_by_name: string | null
  created_at: Timestamp
}

export interface ResourceShareTable {
  platform: string
  workspace_id: string
  resource_id: string
  subgroup_id: string
  shared_by: string
  shared_by_name: string | null
  from_conversation_id: string
  from_thread_id: string | null
  from_link: string | null
  shared_at: ColumnType<Date, Date, Date>
}

export interface RoleTable {
  platform: string
  workspace_id: string
  user_id: string
  role: 'hub_admin'
  granted_by: string
  granted_at: Timestamp
}

export interface SlackInstallationTable {
  team_id: string
  team_name: string | null
  enterprise_id: string | null
  app_id: string | null
  bot_user_id: string | null
  installed_by: string | null
  sealed_installation: string | null
  installed_at: Timestamp
  updated_at: Timestamp
  revoked_at: Date | null
  uninstalled_at: Date | null
}

/** A file offered to one person and waiting for them to accept it (see core/held-files.ts). */
export interface HeldFileTable {
  id: string
  platform: string
  workspace_id: string
  user_id: string
  name: string
  mime_type: string
  /** pg gives a Buffer, PGlite a Uint8Array. */
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>
  created_at: Timestamp
  expires_at: Date
}

export interface Database {
  catalogue_years: CatalogueYearTable
  catalogue_projects: CatalogueProjectTable
  processed_events: ProcessedEventTable
  conversation_references: ConversationReferenceTable
  catalogue_questions: CatalogueQuestionTable
  catalogue_answer_feedback: CatalogueAnswerFeedbackTable
  hubs: HubTable
  hub_holidays: HubHolidayTable
  work_groups: WorkGroupTable
  participants: ParticipantTable
  sessions: SessionTable
  session_rsvps: SessionRsvpTable
  outbox: OutboxTable
  planned_once: PlannedOnceTable
  pending_uploads: PendingUploadTable
  delivery_pace: DeliveryPaceTable
  reflections: ReflectionTable
  reflection_opt_outs: ReflectionOptOutTable
  attendance_registers: AttendanceRegisterTable
  attendance: AttendanceTable
  person_schools: PersonSchoolTable
  session_check_ins: SessionCheckInTable
  subgroups: SubgroupTable
  subgroup_channels: SubgroupChannelTable
  resources: ResourceTable
  resource_shares: ResourceShareTable
  roles: RoleTable
  slack_installations: SlackInstallationTable
  held_files: HeldFileTable
}

export type CatalogueProjectRow = Selectable<CatalogueProjectTable>
export type NewCatalogueProject = Insertable<CatalogueProjectTable>
