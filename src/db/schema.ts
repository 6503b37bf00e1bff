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
  question_id: string
  user_id: string
  helpful: boolean
  given_at: Timestamp
}

export interface Database {
  catalogue_years: CatalogueYearTable
  catalogue_projects: CatalogueProjectTable
  processed_events: ProcessedEventTable
  conversation_references: ConversationReferenceTable
  catalogue_questions: CatalogueQuestionTable
  catalogue_answer_feedback: CatalogueAnswerFeedbackTable
}

export type CatalogueProjectRow = Selectable<CatalogueProjectTable>
export type NewCatalogueProject = Insertable<CatalogueProjectTable>
