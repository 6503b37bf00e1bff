// The catalogue's vocabulary: what a project is and the controlled words a catalogue file
// may use for phases, audiences and formats. Display labels live beside the codes.

export const PHASES = ['early years', 'primary', 'secondary', 'post-16'] as const
export type Phase = (typeof PHASES)[number]

export const PHASE_LABELS: Record<Phase, string> = {
  'early years': 'Early years',
  primary: 'Primary',
  secondary: 'Secondary',
  'post-16': 'Post-16',
}

export const AUDIENCE_LABELS = {
  teachers: 'Teachers',
  'teaching assistants': 'Teaching assistants',
  'early years practitioners': 'Early years practitioners',
  'early career teachers': 'Early career teachers',
  'non-specialist teachers': 'Non-specialist teachers of maths',
  'heads of department': 'Heads of department and subject leaders',
  'mat leads': 'Maths leads across a multi-academy trust',
  'itt providers': 'Initial teacher training (ITT) providers',
  'mastery specialists': 'Teachers developing as Mastery Specialists',
  'work group leads': 'Work Group Leads',
  'pd leads': 'Professional development leads',
  llmes: 'Local leaders of maths education (LLMEs)',
} as const
export type Audience = keyof typeof AUDIENCE_LABELS
export const AUDIENCES = Object.keys(AUDIENCE_LABELS) as Audience[]

export const FORMAT_LABELS = {
  'work group': 'Work Group',
  programme: 'Programme',
  community: 'Community',
  network: 'Network',
} as const
export type Format = keyof typeof FORMAT_LABELS
export const FORMATS = Object.keys(FORMAT_LABELS) as Format[]

/** One project on offer in a school year. */
export interface Project {
  /** Stable within a year's catalogue, e.g. `secondary-tfm-development`. */
  id: string
  title: string
  /** The family it belongs to, e.g. "Teaching for Mastery". */
  strand?: string
  phases: Phase[]
  audience: Audience[]
  /** Who can join and when, in the catalogue's words. */
  entryPoint: string
  /** The project a school normally does the year before this one. */
  follows?: string
  format: Format
  isNew: boolean
  partner?: string
  summary: string
  /** Words and phrases people use when they mean this project ("transition", "resits"). */
  keywords: string[]
}

/** A school year's catalogue, e.g. 2021/22. */
export interface Catalogue {
  schoolYear: string
  projects: Project[]
}

/** "2021/22" → 2021, or undefined if it is not a school year written that way. */
export function schoolYearStart(schoolYear: string): number | undefined {
  const match = /^(\d{4})\/(\d{2})$/.exec(schoolYear)
  if (!match) return undefined
  const start = Number(match[1])
  return (start + 1) % 100 === Number(match[2]) ? start : undefined
}
