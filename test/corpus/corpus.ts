// Every kind of message and form the bot can send, built by the real builders with realistic
// data, hostile text (both platforms' markup, Markdown links) and long inputs. Each entry names
// the builder it exercises: message-corpus.test.ts fails when a builder in src/ has no entry.
import { readFileSync } from 'node:fs'
import type { Feature, HandlerContext } from '../../src/core/bot.js'
import type { Actor, CommandEvent } from '../../src/core/events.js'
import { BotError, userFacingMessage } from '../../src/core/errors.js'
import type { Form } from '../../src/core/forms.js'
import { confirmMessage, type Message, textMessage, userText } from '../../src/core/messages.js'
import type { Reply } from '../../src/core/reply.js'
import type { Register } from '../../src/domain/attendance.js'
import { leadOnly } from '../../src/domain/group-access.js'
import { adminsOnly } from '../../src/domain/hub-admins.js'
import type { Catalogue } from '../../src/domain/projects.js'
import type { Reflection } from '../../src/domain/reflections.js'
import { SCHOOL_MAX } from '../../src/domain/schools.js'
import {
  renderAnswered,
  renderCancelConfirm,
  renderCancellation,
  renderCancelPicker,
  renderDigest,
  renderNewSession,
  renderReminder,
  renderRoster,
  renderSessionsList,
} from '../../src/domain/session-messages.js'
import type { Rsvp, Session } from '../../src/domain/sessions.js'
import type { Subgroup } from '../../src/domain/subgroups.js'
import type { Participant, WorkGroup } from '../../src/domain/work-groups.js'
import { sumSchools, sumYear } from '../../src/features/attendance/attendance-year.js'
import { registerForm } from '../../src/features/attendance/register-form.js'
import type { RegisterPerson } from '../../src/features/attendance/register-marks.js'
import { renderAttendanceYear } from '../../src/features/attendance/render-attendance.js'
import { renderCheckInAnswer, renderCheckInPost } from '../../src/features/attendance/render-check-in.js'
import { renderSchoolsPreview, renderSchoolsRefused, renderSchoolsSaved } from '../../src/features/attendance/render-schools-import.js'
import { renderRegister, sessionName } from '../../src/features/attendance/render-register.js'
import { renderSchoolQuestion, schoolForm } from '../../src/features/attendance/school-question.js'
import { renderCatchUp, renderNoSessionOn, renderNothingToCatchUp } from '../../src/features/catch-up/render-catch-up.js'
import type { CatchUpFacts } from '../../src/features/catch-up/catch-up-facts.js'
import { schoolsForm } from '../../src/features/attendance/schools-form.js'
import { answerQuestion } from '../../src/features/catalogue/match-projects.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import { asShared, renderAnswer, renderUnanswered, withAnswerButtons } from '../../src/features/catalogue/render-answer.js'
import { renderNoCatalogue, renderPhaseAnswer, renderPhaseDetails, renderPhasePicker } from '../../src/features/catalogue/render-catalogue.js'
import { compareCatalogues } from '../../src/features/catalogue/catalogue-changes.js'
import { howToUpdate, importedMessage, notText, previewMessage, problemsReport } from '../../src/features/catalogue/render-upkeep.js'
import { hubCreated, hubSettingsForm, NAME_NEEDED, NO_HUB_FOR_TERM_DATES, renderHubs, termDatesImported, termDatesPreview, termDatesProblems } from '../../src/features/hubs/render-hub-upkeep.js'
import { computeEvaluation } from '../../src/features/evaluation/compute-evaluation.js'
import { renderEvaluation, renderHubChoice, renderProjectChoice } from '../../src/features/evaluation/render-evaluation.js'
import { createHelpFeature } from '../../src/features/help/help-feature.js'
import { renderFullHelp, renderShortHelp } from '../../src/features/help/render-help.js'
import { renderHome } from '../../src/features/home/home-feature.js'
import { adminsForm } from '../../src/features/hubs/admins-feature.js'
import { collateReflections } from '../../src/domain/collate-reflections.js'
import { reflectionForm } from '../../src/features/reflections/reflection-form.js'
import { renderCollated } from '../../src/features/reflections/render-collated.js'
import { renderClosed, renderForgetConfirm, renderForgotten, renderOwnReflections, renderReflectionPrompt } from '../../src/features/reflections/render-reflections.js'
import { remindersForm } from '../../src/features/reminders/reminder-settings-feature.js'
import { renderResourcePost, renderSearchResults, renderSubgroups, renderWeeklyDigest } from '../../src/features/resources/render-resources.js'
import type { Resource, Share } from '../../src/features/resources/resource-store.js'
import { shareForm, subgroupForm } from '../../src/features/resources/share-form.js'
import { askForFile, importForm } from '../../src/features/sessions/render-import.js'
import { leadForm, renderNewLead } from '../../src/features/work-groups/lead-handover-feature.js'
import { peopleForm } from '../../src/features/work-groups/participants-feature.js'
import { apologyForm, sessionForm, setupForm } from '../../src/features/work-groups/work-group-forms.js'

export type CorpusEntry = { name: string; builder: string } & ({ message: Message } | { form: Form })

/** Both platforms' markup, Markdown links and tags, as people type them into titles, notes and names. */
export const HOSTILE = [
  '**strong** _leaning_ `code` ~struck~ back\\slash',
  '<at>Someone</at>',
  '<!channel> <!here>',
  '<@U123>',
  '<https://evil.example|Click>',
  '*bold* a_b_c',
  '[Claim your bursary](https://evil.example/phish)',
  '[x](mention:U1)',
  '[z](time:2026-11-04T16:00:00Z|datetime)',
  '<b>html</b>',
].join(' ')

/** Longer than any limit a message might have: a title, a note, a name pasted from somewhere. */
export const long = (what: string, length: number) => `${what} `.repeat(Math.ceil(length / (what.length + 1))).slice(0, length)

const ZONE = 'Europe/London'
const NOW = new Date('2026-11-04T12:00:00Z')

export interface Variant {
  label: string
  /** Ids as the platform issues them, so mentions are real ones on that platform. */
  ids: (n: string) => string
  text: (typical: string) => string
}

/** The same builders three ways: ordinary, hostile, and long; with Slack ids or Teams ids. */
export const VARIANTS: Variant[] = [
  { label: 'ordinary (Slack ids)', ids: (n) => `U0${n.toUpperCase()}`, text: (typical) => typical },
  { label: 'hostile (Teams ids)', ids: (n) => `29:${n}`, text: (typical) => `${typical} ${HOSTILE}` },
  { label: 'long (Teams Entra ids)', ids: (n) => `${n.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-000000000000`.replace(/[^0-9a-f-]/g, 'a'), text: (typical) => long(typical, 3500) },
]

const catalogue = loadCatalogue()

function loadCatalogue(): Catalogue {
  const parsed = parseCatalogueFile(readFileSync(new URL('../../catalogue/2021-22.csv', import.meta.url), 'utf8'))
  if (!parsed.ok) throw new Error('the bundled catalogue does not parse')
  return parsed.catalogue
}

const hint = (args: string) => `“/workgroups ${args}”`

export function buildCorpus(v: Variant): CorpusEntry[] {
  const t = v.text
  const lead = v.ids('lead')
  const group: WorkGroup = {
    id: 'g1', platform: 'slack', workspaceId: 'T1', conversationId: 'C1', hubId: 'h1', hubName: t('Great North Maths Hub'),
    projectId: 'p1', projectTitle: t('Mastery Readiness'), schoolYear: '2026/27', leadUserId: lead,
    reminderOffsets: [10080, 1440, 60], calendarToken: 'x', reflectionDelayMinutes: 30, version: 3,
  }
  const session = (n: number, extra: Partial<Session> = {}): Session => ({
    id: `s${n}`, platform: 'slack', workspaceId: 'T1', workGroupId: 'g1',
    startsAt: new Date(Date.UTC(2026, 10, 4 + 7 * n, 16)), endsAt: new Date(Date.UTC(2026, 10, 4 + 7 * n, 17, 30)),
    title: t(`Session ${n}: reasoning with fractions`), place: t('Room 12, Northfield School'), prepare: t('Bring a lesson plan'), gapTask: t('Try one bar model task'),
    onlineUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc(1)',
    ...extra,
  })
  const sessions = Array.from({ length: 30 }, (_, i) => session(i + 1))
  const first = sessions[0]!
  const people: Participant[] = Array.from({ length: 60 }, (_, i) => ({ userId: v.ids(`p${i}`), name: t(`Teacher ${i} O’Brien`), source: 'channel' as const }))
  const rsvps: Rsvp[] = people.slice(0, 40).map((p, i) => ({ userId: p.userId, status: i % 2 ? 'going' : 'apologies', note: t('Parents’ evening, sorry'), late: i % 4 === 0 }) as Rsvp)
  const actor: Actor = { platform: 'slack', workspaceId: 'T1', userId: v.ids('amy'), name: t('Amy Adams') }
  const resource = (n: number): Resource => ({
    id: `r${n}`, url: `https://www.ncetm.org.uk/classroom-resources/fractions_ks3_${n}`, canonicalUrl: `https://www.ncetm.org.uk/classroom-resources/fractions_ks3_${n}`,
    host: 'ncetm.org.uk', title: t(`Fractions on a number line ${n}`), tags: ['secondary', 'ks3', 'fractions', t('retrieval')], sharedBy: v.ids('amy'), sharedByName: t('Amy Adams'), createdAt: NOW,
  })
  const resources = Array.from({ length: 25 }, (_, i) => resource(i))
  const shares = new Map<string, Share[]>(resources.map((r) => [r.id, [{ subgroupId: 'sg1', subgroupName: t('Secondary MaST'), sharedBy: v.ids('amy'), fromConversationId: 'C1', sharedAt: NOW }]]))
  const subgroup: Subgroup = { id: 'sg1', platform: 'slack', workspaceId: 'T1', name: t('Secondary Mastery Specialists — Years 7–11 Coherence'), phase: 'secondary', channels: ['C1', 'C2'] }
  const reflection = (i: number, visibility: Reflection['visibility']): Reflection => ({
    sessionId: 's1', workGroupId: 'g1', userId: v.ids(`p${i}`), rating: 1 + (i % 5), visibility, tryInClass: t('Using bar models for ratio'), noticed: t('Pupils explained their reasoning'), submittedAt: NOW, updatedAt: NOW, version: 1,
  })
  const reflections = [...Array.from({ length: 30 }, (_, i) => reflection(i, 'lead')), ...Array.from({ length: 6 }, (_, i) => reflection(30 + i, 'anonymised'))]
  const collated = collateReflections({ reflections, names: new Map(people.map((p) => [p.userId, p.name!])), expected: 60 })
  const question = t('We are a primary school new to mastery, where do we start with teaching assistants?')
  const answer = renderAnswer({ result: answerQuestion(question, catalogue), catalogue, answeredBy: { by: 'rules', note: 'no AI model is set up' }, hint, now: NOW, hub: { name: t('Matrix Maths Hub') } })
  const nothing = renderAnswer({ result: answerQuestion(t('Any help with GCSE English?'), catalogue), catalogue, answeredBy: { by: 'rules' }, hint, now: new Date('2030-09-01T09:00:00Z') })
  const aiAnswer = (() => {
    const result = answerQuestion('secondary head of department', catalogue)
    const explanations = result.kind === 'matches' ? Object.fromEntries(result.matches.map((m) => [m.project.id, t('Fits a head of department planning KS3')])) : {}
    return renderAnswer({ result, catalogue, answeredBy: { by: 'ai', explanations }, hint, now: NOW })
  })()
  // Attendance: sixty people on a register, the year's twenty registers, schools for half of them.
  const onRegister: RegisterPerson[] = people.map((p, i) => ({ userId: p.userId, name: p.name!, status: i % 3 === 0 ? 'absent' : i % 3 === 1 ? 'attended' : 'apologised', late: i % 6 === 2 }))
  const register: Register = { sessionId: 's1', confirmedBy: lead, confirmedAt: NOW, updatedBy: v.ids('amy'), updatedAt: NOW, version: 3 }
  const keepers = new Map([[lead, t('Larry Lead')], [v.ids('amy'), t('Amy Adams')]])
  // Schools as people give them: at most SCHOOL_MAX characters, checked when saved.
  const school = (i: number) => t(`Oakfield Primary School ${i % 7}`).slice(0, SCHOOL_MAX)
  const registered = sessions.slice(0, 20)
  const year = sumYear(group, people, registered.flatMap((s, j) => onRegister.map((p, i) => ({ ...p, sessionId: s.id, status: (i + j) % 4 === 0 ? ('absent' as const) : p.status }))))
  for (const [i, p] of year.entries()) if (i % 2 === 0) p.school = school(i)
  const bySchool = sumSchools(year, new Map(year.flatMap((p, i) => (p.school ? [[p.userId, `school-${i % 7}`] as const] : []))))
  const upcoming = sessions.slice(0, 6).map((s) => ({ ...s, projectTitle: group.projectTitle }))
  // Catch-ups: twelve resources shared since (five shown), themes from the visible reflections.
  const catchUp: CatchUpFacts = {
    group, session: first, next: sessions[1]!,
    resources: resources.slice(0, 12).map((r) => ({ id: r.id, title: r.title, url: r.url, host: r.host, sharedAt: NOW })),
    themes: { kind: 'themes', themes: collated.themes.map((theme) => ({ ...theme, phrase: t(theme.phrase) })) },
  }
  // The hub's evaluation: three projects of two groups each, six sessions, sixty people in twelve
  // schools (some too small to show), reflections of every visibility.
  const evaluated = computeEvaluation({
    groups: [0, 1, 2].flatMap((p) => [0, 1].map((k) => ({ ...group, id: `g${p}${k}`, projectId: `p${p}`, projectTitle: t(`Mastery Readiness ${p}`) }))),
    sessions: [0, 1, 2].flatMap((p) => [0, 1].flatMap((k) => sessions.slice(0, 6).map((s) => ({ ...s, id: `${s.id}-${p}${k}`, workGroupId: `g${p}${k}` })))),
    participants: new Map([0, 1, 2].flatMap((p) => [0, 1].map((k) => [`g${p}${k}`, people.slice(k * 30, k * 30 + 30)] as const))),
    apologies: new Map(),
    reflections: new Map([0, 1, 2].flatMap((p) => [0, 1].flatMap((k) => sessions.slice(0, 6).map((s) => [`${s.id}-${p}${k}`, people.slice(k * 30, k * 30 + 30).map((person, i) => ({ ...reflection(i, (['lead', 'anonymised', 'me'] as const)[i % 3]!), userId: person.userId, sessionId: `${s.id}-${p}${k}`, workGroupId: `g${p}${k}` }))] as const)))),
    marks: [0, 1, 2].flatMap((p) => [0, 1].flatMap((k) => sessions.slice(0, 6).flatMap((s) => people.slice(k * 30, k * 30 + 30).map((person, i) => ({ sessionId: `${s.id}-${p}${k}`, workGroupId: `g${p}${k}`, userId: person.userId, status: i % 4 ? ('attended' as const) : ('absent' as const), late: false }))))),
    schools: new Map(people.map((p, i) => [p.userId, { school: school(i % 12), key: `school-${i % 12 < 9 ? i % 12 : 'small'}${i % 12 < 9 ? '' : i}` }] as const)),
    now: new Date('2027-07-01T09:00:00Z'),
  })
  const evaluationView = { hubId: '00000000-0000-4000-8000-00000000000b', hubName: t('Great North Maths Hub'), schoolYear: '2026/27', groups: 6, canSendFiles: true }

  const m = (builder: string, name: string, message: Message): CorpusEntry => ({ builder, name, message })
  /** The moment a message goes out, this many minutes before the session starts. */
  const before = (s: Session, minutes: number) => new Date(s.startsAt.getTime() - minutes * 60_000)
  const f = (builder: string, name: string, form: Form): CorpusEntry => ({ builder, name, form })
  return [
    // Sessions and reminders (src/domain/session-messages.ts).
    m('renderReminder', 'a week before, unanswered, with a gap task to report on', renderReminder(group, first, before(first, 10080), ZONE, undefined, t('Using bar models for ratio'))),
    m('renderReminder', 'an hour before, answered', renderReminder(group, session(1, { onlineUrl: undefined }), before(session(1), 60), ZONE, { userId: lead, status: 'going' } as Rsvp)),
    m('renderReminder', 'held by quiet hours to the morning of the session', renderReminder(group, first, before(first, 9 * 60), ZONE)),
    m('renderNewSession', 'a session added two hours ahead', renderNewSession(group, first, before(first, 120), ZONE)),
    m('renderNewSession', 'starting now, answered', renderNewSession(group, first, before(first, 1), ZONE, { userId: lead, status: 'going' } as Rsvp)),
    m('renderAnswered', 'apologies with a note and a late warning', renderAnswered(group, first, ZONE, { userId: lead, status: 'apologies', note: t('Parents’ evening, sorry'), late: true } as Rsvp, 'That is less than 48 hours’ notice.')),
    m('renderAnswered', 'going', renderAnswered(group, first, ZONE, { userId: lead, status: 'going' } as Rsvp)),
    m('renderCancellation', 'to each participant', renderCancellation(group, first, ZONE)),
    m('renderDigest', 'a day with three sessions', renderDigest(group, sessions.slice(0, 3), new Map([['s1', rsvps]]), ZONE)),
    m('renderSessionsList', 'thirty sessions with a calendar link', renderSessionsList(group, sessions, ZONE, 'https://bot.example.org/calendar/x.ics')),
    m('renderSessionsList', 'none yet', renderSessionsList(group, [], ZONE)),
    m('renderRoster', 'sixty participants', renderRoster(group, first, people, rsvps, ZONE, 48)),
    m('renderCancelPicker', 'thirty sessions', renderCancelPicker(group, sessions, ZONE)),
    m('renderCancelPicker', 'none', renderCancelPicker(group, [], ZONE)),
    m('renderCancelConfirm', 'sixty participants', renderCancelConfirm(group, first, ZONE, 60)),
    m('leadOnly', 'refusal naming the Lead', leadOnly(group, 'see the roster')),
    m('adminsOnly', 'refusal', adminsOnly('name hub administrators')),
    // Work Groups (src/features/work-groups).
    f('setupForm', 'a new group', setupForm(catalogue, NOW, ZONE)),
    f('setupForm', 'changing a group', setupForm(catalogue, NOW, ZONE, group)),
    f('sessionForm', 'adding a session', sessionForm()),
    f('apologyForm', 'apologies', apologyForm('s1', userText(t('Mastery Readiness: Session 1')))),
    f('leadForm', 'handing over', leadForm(group)),
    m('renderNewLead', 'to the new Lead', renderNewLead(group, { userId: v.ids('amy'), name: t('Amy Adams') })),
    f('peopleForm', 'adding people', peopleForm(group, 'add')),
    f('peopleForm', 'removing people', peopleForm(group, 'remove')),
    // Reminders, sessions import, hubs.
    f('remindersForm', 'the Lead’s settings', remindersForm(group)),
    f('importForm', 'upload', importForm(group)),
    f('importForm', 'after a refused file', importForm(group, { fileName: t('sessions.csv'), problems: Array.from({ length: 40 }, (_, i) => t(`Row ${i + 2}: the date “31/02/2026” is not a date`)) })),
    m('askForFile', 'on Teams', askForFile(group, 30)),
    // Catalogue upkeep in chat (src/features/catalogue/render-upkeep.ts).
    m('howToUpdate', 'asked by an administrator', howToUpdate()),
    m('problemsReport', 'forty problems', problemsReport(t('2022-23.csv'), Array.from({ length: 40 }, (_, i) => t(`line ${i + 2}, phases: "primray" is not a phase`)))),
    m('notText', 'a workbook named .csv', notText(t('catalogue.csv'))),
    m('previewMessage', 'every project renamed, ten new, five retired', (() => {
      const next = {
        schoolYear: '2022/23',
        projects: [
          ...catalogue.projects.slice(5).map((p) => ({ ...p, title: t(`${p.title} (renamed)`), format: 'network' as const })),
          ...Array.from({ length: 10 }, (_, i) => ({ ...catalogue.projects[0]!, id: `new-${i}`, title: t(`New project ${i}`) })),
        ],
      }
      return previewMessage({ fileName: t('2022-23.csv'), catalogue: next, comparedWith: { schoolYear: '2021/22', importedOn: '1 Sept 2021' }, changes: compareCatalogues(catalogue, next), newerYear: undefined, confirmValue: 'held|stamp', cancelValue: 'held' })
    })()),
    m('previewMessage', 'no catalogue yet', previewMessage({ fileName: t('2021-22.csv'), catalogue, comparedWith: undefined, changes: compareCatalogues(undefined, catalogue), newerYear: undefined, confirmValue: 'h|none', cancelValue: 'h' })),
    m('importedMessage', 'replacing the year', importedMessage(t('2022-23.csv'), { schoolYear: '2022/23', projects: 27, replaced: 26 }, '2022/23')),
    m('importedMessage', 'an older year', importedMessage(t('2020-21.csv'), { schoolYear: '2020/21', projects: 20, replaced: 0 }, '2021/22')),
    // Hub upkeep in chat (src/features/hubs/render-hub-upkeep.ts).
    m('renderHubs', 'three hubs, one with a year of holidays', renderHubs(
      [0, 1, 2].map((i) => ({
        id: `hub-${i}`,
        name: t(`Matrix Maths Hub ${i}`).slice(0, 80),
        settings: { noticeHours: 48 + i, quiet: { start: i === 2 ? '00:00' : '21:00', end: i === 2 ? '00:00' : '07:00', weekends: i === 0 } },
        holidays: i === 0 ? Array.from({ length: 12 }, (_, k) => ({ startsOn: `2026-${String(k + 1).padStart(2, '0')}-01`, endsOn: `2026-${String(k + 1).padStart(2, '0')}-05`, label: t('Half term') })) : [],
        workGroups: i * 7,
      })),
      (args) => `\`/workgroups ${args}\``,
    )),
    m('renderHubs', 'none yet', renderHubs([], (args) => `\`/workgroups ${args}\``)),
    m('hubCreated', 'created', hubCreated(t('Matrix Maths Hub').slice(0, 80), { noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } }, true)),
    m('hubCreated', 'already there', hubCreated(t('Matrix Maths Hub').slice(0, 80), { noticeHours: 0, quiet: { start: '00:00', end: '00:00', weekends: false } }, false)),
    m('NAME_NEEDED', 'no name given', NAME_NEEDED((args) => `\`/workgroups ${args}\``)),
    m('NO_HUB_FOR_TERM_DATES', 'no hub yet', NO_HUB_FOR_TERM_DATES((args) => `\`/workgroups ${args}\``)),
    f('hubSettingsForm', 'a hub’s settings', hubSettingsForm({ id: 'hub-1', name: t('Matrix Maths Hub').slice(0, 80) }, { noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } }, 'stamp')),
    m('termDatesProblems', 'forty problems', termDatesProblems(t('term-dates.csv'), Array.from({ length: 40 }, (_, i) => t(`line ${i + 2}, start: 31 February is not a date`)))),
    m('termDatesPreview', 'sixty holidays for five hubs', termDatesPreview({
      fileName: t('term-dates.ics'),
      holidays: Array.from({ length: 60 }, (_, i) => ({ startsOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`, endsOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`, label: t(`Holiday ${i}`).slice(0, 200) })),
      hubs: [0, 1, 2, 3, 4].map((i) => ({ id: `hub-${i}`, name: t(`Matrix Maths Hub ${i}`).slice(0, 80), replacing: i, confirmValue: `held|hub-${i}|stamp` })),
      cancelValue: 'held',
    })),
    m('termDatesImported', 'replacing some', termDatesImported(t('Matrix Maths Hub').slice(0, 80), 12, 3)),
    f('adminsForm', 'with configured and granted administrators', adminsForm([v.ids('hana'), v.ids('hugo')], [v.ids('root')])),
    // Reflections.
    m('renderReflectionPrompt', 'the prompt', renderReflectionPrompt(group, first, ZONE, new Date('2026-11-18T16:00:00Z'))),
    m('renderReflectionPrompt', 'the nudge', renderReflectionPrompt(group, first, ZONE, new Date('2026-11-18T16:00:00Z'), true)),
    ...(['not started', 'cancelled', 'closed'] as const).map((why) => m('renderClosed', why, renderClosed(group, first, ZONE, why))),
    f('reflectionForm', 'a new reflection', reflectionForm('s1', userText(t('Mastery Readiness: Session 1')))),
    f('reflectionForm', 'editing one', reflectionForm('s1', userText(t('Mastery Readiness: Session 1')), { rating: 4, tryInClass: t('Bar models'), noticed: t('More talk'), visibility: 'lead', version: 2 })),
    m('renderCollated', 'thirty named and six anonymous, with an AI summary', renderCollated({ projectTitle: group.projectTitle, sessionLabel: userText(t('Tue 4 Nov 16:00')), collated, summary: { kind: 'ai', text: t('Most tried bar models; several noticed more reasoning.') }, exportSessionId: 's1' })),
    m('renderCollated', 'nobody yet, summary unavailable', renderCollated({ projectTitle: group.projectTitle, sessionLabel: 'Tue 4 Nov 16:00', collated: collateReflections({ reflections: [], names: new Map(), expected: 12 }), summary: { kind: 'unavailable', reason: 'no AI model is set up' } })),
    m('renderOwnReflections', 'my data', renderOwnReflections(
      reflections.slice(0, 25).map((r) => ({ ...r, projectTitle: group.projectTitle, sessionStartsAt: first.startsAt, sessionTitle: t('Session 1') })),
      ZONE,
      true,
      { reflections: 25, rsvps: rsvps.slice(0, 12).map((r) => ({ sessionStartsAt: first.startsAt, projectTitle: group.projectTitle, status: r.status, ...(r.note ? { note: r.note } : {}) })), attendance: [{ sessionStartsAt: first.startsAt, projectTitle: group.projectTitle, status: 'apologised', late: true }, { sessionStartsAt: first.startsAt, projectTitle: group.projectTitle, status: 'attended', late: false }], checkIns: [{ sessionStartsAt: first.startsAt, projectTitle: group.projectTitle, at: first.startsAt }], questions: [{ askedAt: NOW, question }], school: t('Oakfield Primary School'), resourcesShared: [{ title: t('Fractions'), url: 'https://www.ncetm.org.uk/a' }] },
    )),
    m('renderForgetConfirm', 'with reflections', renderForgetConfirm(12)),
    m('renderForgetConfirm', 'without', renderForgetConfirm(0)),
    m('renderForgotten', 'everything', renderForgotten({ reflections: 12, rsvps: 3, attendance: 5, checkIns: 2, questions: 2, resourcesUnnamed: 1, messagesRedacted: 4 })),
    m('renderForgotten', 'nothing', renderForgotten({ reflections: 0, rsvps: 0, attendance: 0, checkIns: 0, questions: 0, resourcesUnnamed: 0, messagesRedacted: 0 })),
    // Resources.
    m('renderResourcePost', 'in a sub-group channel', renderResourcePost(resource(1), { sharedBy: v.ids('amy'), sharedByName: t('Amy Adams'), fromLabel: t('Primary MaST'), fromLink: 'https://example.slack.com/archives/C1/p1' }, [t('Secondary MaST'), t('Post-16 network')])),
    m('renderSearchResults', 'a page of five, more to come', renderSearchResults(t('fractions ks3'), { resources: resources.slice(0, 5), total: 40, from: 5, complete: 12, suggestions: [], librarySize: 300 }, shares, ZONE)),
    m('renderSearchResults', 'only partial matches', renderSearchResults(t('fractions ks3'), { resources: resources.slice(0, 5), total: 5, from: 0, complete: 0, suggestions: [], librarySize: 300 }, shares, ZONE)),
    m('renderSearchResults', 'none found, with suggestions', renderSearchResults(t('fractions ks3'), { resources: [], total: 0, from: 0, complete: 0, suggestions: [t('Ratio'), 'KS3', t('Fractions')], librarySize: 300 }, new Map(), ZONE)),
    m('renderSearchResults', 'an empty library', renderSearchResults(t('fractions ks3'), { resources: [], total: 0, from: 0, complete: 0, suggestions: [], librarySize: 0 }, new Map(), ZONE)),
    m('renderWeeklyDigest', 'twenty-five new', renderWeeklyDigest(subgroup, resources)),
    m('renderSubgroups', 'three', renderSubgroups([subgroup, { ...subgroup, id: 'sg2', channels: ['C3'] }, { ...subgroup, id: 'sg3', phase: undefined, name: t('Primary') } as Subgroup], 'C1')),
    m('renderSubgroups', 'none', renderSubgroups([], 'C1')),
    f('shareForm', 'sharing a link', shareForm({ state: 'x', url: 'https://www.ncetm.org.uk/classroom-resources/fractions_ks3_1', title: t('Fractions'), tags: t('secondary, ks3'), subgroups: Array.from({ length: 120 }, (_, i) => ({ ...subgroup, id: `sg${i}`, name: t(`Sub-group ${i}`) })), chosen: ['sg1'], alreadyShared: userText(t('Already shared by Amy in Primary MaST')) })),
    f('subgroupForm', 'a channel’s sub-group', subgroupForm(subgroup)),
    // Attendance (src/features/attendance).
    m('renderRegister', 'sixty people, waiting to be confirmed', renderRegister(group, first, ZONE, { people: onRegister, names: new Map() })),
    m('renderRegister', 'waiting, half of them checked in', renderRegister(group, first, ZONE, { people: onRegister.map((p, i) => (i % 2 ? p : { ...p, status: 'attended', checkedInAt: new Date(first.startsAt.getTime() + i * 60_000) })), names: new Map() })),
    m('renderCheckInPost', 'an online session starting', renderCheckInPost(group, first, ZONE)),
    m('renderCheckInAnswer', 'checked in', renderCheckInAnswer(group, first, ZONE, { kind: 'checked-in', at: first.startsAt, first: true, registerSaved: false })),
    m('renderCheckInAnswer', 'checked in after the register was saved', renderCheckInAnswer(group, first, ZONE, { kind: 'checked-in', at: first.endsAt, first: true, registerSaved: true })),
    m('renderCheckInAnswer', 'already checked in', renderCheckInAnswer(group, first, ZONE, { kind: 'checked-in', at: first.startsAt, first: false, registerSaved: false })),
    m('renderCheckInAnswer', 'too early', renderCheckInAnswer(group, first, ZONE, { kind: 'too-early', opensAt: first.startsAt })),
    m('renderCheckInAnswer', 'too late', renderCheckInAnswer(group, first, ZONE, { kind: 'too-late' })),
    m('renderCheckInAnswer', 'cancelled', renderCheckInAnswer(group, first, ZONE, { kind: 'cancelled' })),
    m('renderCheckInAnswer', 'the Lead', renderCheckInAnswer(group, first, ZONE, { kind: 'lead' })),
    m('renderCheckInAnswer', 'not in the group', renderCheckInAnswer(group, first, ZONE, { kind: 'not-participant' })),
    m('renderSchoolsPreview', 'sixty schools, some changed, forty lines not used', renderSchoolsPreview(group, t('schools 2026.csv'), {
      changes: people.map((p, i) => ({ userId: p.userId, label: p.name!, school: school(i), ...(i % 3 ? {} : { was: school(i + 1) }) })),
      unchanged: 4,
      problems: Array.from({ length: 45 }, (_, i) => ({ line: i + 62, message: i % 2 ? `nobody called “${t('Dan Smith')}” is in the group` : `${t('Teacher 1 O’Brien')} again (first on line 3); only line 3 is used` })),
    }, { confirm: '00000000-0000-4000-8000-00000000000b|00000000-0000-4000-8000-00000000000a|0123456789abcdef', cancel: '00000000-0000-4000-8000-00000000000b' })),
    m('renderSchoolsPreview', 'nothing to save', renderSchoolsPreview(group, t('schools.csv'), { changes: [], unchanged: 3, problems: [{ line: 2, message: 'no name' }] })),
    m('renderSchoolsRefused', 'no header', renderSchoolsRefused(t('schools.csv'), 'Its first line should name the columns, such as “Name,School”.')),
    m('renderSchoolsSaved', 'twelve saved', renderSchoolsSaved(group, 12)),
    m('renderRegister', 'confirmed, then corrected by a hub administrator', renderRegister(group, first, ZONE, { people: onRegister, register, names: keepers })),
    m('renderRegister', 'confirmed by someone since forgotten, nobody on it', renderRegister(group, session(2, { title: undefined }), ZONE, { people: [], register: { ...register, confirmedBy: '', updatedBy: '', version: 1 }, names: new Map() })),
    m('renderRegister', 'names not known yet (Teams names them before rendering)', renderRegister(group, first, ZONE, { people: onRegister.slice(0, 6).map(({ userId, status, late }) => ({ userId, status, late })), register, names: new Map() })),
    f('registerForm', 'correcting sixty people', registerForm('s1', 3, `${sessionName(group, first)}, Wed 11 Nov 16:00 (UK time)`, onRegister, (p) => p.name ?? '')),
    f('registerForm', 'someone with no name', registerForm('s1', 0, `${sessionName(group, first)}, Wed 11 Nov 16:00 (UK time)`, onRegister.slice(0, 2), (p) => `Someone I have no name for (${p.userId})`)),
    m('renderAttendanceYear', 'twenty registers, sixty people, by school, with the spreadsheet', renderAttendanceYear(group, { registered, waiting: sessions.slice(20, 23), people: year, bySchool }, ZONE, true)),
    m('renderAttendanceYear', 'a term: six registers of ten people, with ratings (a chart)', renderAttendanceYear(group, { registered: registered.slice(0, 6), waiting: [], people: sumYear(group, people.slice(0, 10), registered.slice(0, 6).flatMap((s, j) => onRegister.slice(0, 10).map((p, i) => ({ ...p, sessionId: s.id, status: (i + j) % 3 === 0 ? ('absent' as const) : ('attended' as const) })))), bySchool: [], ratings: new Map(registered.slice(0, 6).flatMap((s, j) => (j === 2 ? [] : [[s.id, 3 + (j % 3) * 0.7] as const]))) }, ZONE, true)),
    m('renderAttendanceYear', 'two registers, nobody marked on one, no ratings', renderAttendanceYear(group, { registered: registered.slice(0, 2), waiting: [], people: sumYear(group, people.slice(0, 3), onRegister.slice(0, 3).map((p) => ({ ...p, sessionId: registered[0]!.id }))), bySchool: [] }, ZONE, true)),
    m('renderAttendanceYear', 'no register yet, no files here', renderAttendanceYear(group, { registered: [], waiting: [first], people: sumYear(group, people.slice(0, 3), []), bySchool: [] }, ZONE, false)),
    m('renderAttendanceYear', 'names not known yet', renderAttendanceYear(group, { registered: [first], waiting: [], people: sumYear(group, people.slice(0, 4).map((p) => ({ userId: p.userId })), []), bySchool: [] }, ZONE, true)),
    m('renderAttendanceYear', 'nobody in the group', renderAttendanceYear(group, { registered: [], waiting: [], people: [], bySchool: [] }, ZONE, true)),
    m('renderSchoolQuestion', 'naming the Lead', renderSchoolQuestion(group, t('Larry Lead'))),
    m('renderSchoolQuestion', 'the Lead’s name unknown', renderSchoolQuestion(group)),
    f('schoolForm', 'a first answer', schoolForm()),
    f('schoolForm', 'changing it', schoolForm(school(1))),
    f('schoolForm', 'a hundred schools already named in the hub, one of them theirs', schoolForm(school(1), Array.from({ length: 120 }, (_, i) => school(i) + ` ${i}`.slice(0, 3)), '00000000-0000-4000-8000-000000000001')),
    f('schoolsForm', 'sixty people, half with a school', schoolsForm('00000000-0000-4000-8000-00000000000a', people.map((p, i) => ({ userId: p.userId, label: p.name!, ...(i % 2 ? {} : { school: school(i) }) })))),
    // Catch-ups (src/features/catch-up).
    m('renderCatchUp', 'absent, twelve resources shared since, themes', renderCatchUp(catchUp, ZONE, 'absent')),
    m('renderCatchUp', 'apologised, nothing shared, too few reflections', renderCatchUp({ ...catchUp, resources: [], themes: { kind: 'too few' } }, ZONE, 'apologised')),
    m('renderCatchUp', 'attended, no notes, no next session', renderCatchUp({ group, session: session(2, { title: undefined, prepare: undefined, gapTask: undefined }), resources: [], themes: { kind: 'none' } }, ZONE, 'attended')),
    m('renderCatchUp', 'the Lead’s preview, next session without a link', renderCatchUp({ ...catchUp, next: session(2, { onlineUrl: undefined }) }, ZONE, 'lead')),
    m('renderCatchUp', 'standing unknown', renderCatchUp(catchUp, ZONE, 'unknown')),
    ...(['no group here', 'not in a group', 'not a participant', 'no sessions yet'] as const).map((why) => m('renderNothingToCatchUp', why, renderNothingToCatchUp(why, group.projectTitle))),
    m('renderNothingToCatchUp', 'no sessions yet, several groups', renderNothingToCatchUp('no sessions yet')),
    m('renderNoSessionOn', 'no session that day', renderNoSessionOn([group.projectTitle], { ok: true, date: '2026-12-07' }, hint('catch up'))),
    m('renderNoSessionOn', 'an unreadable date, several groups', renderNoSessionOn([group.projectTitle, t('Post-16 network')], { ok: false, problem: t('“7 Decembr” is not a date') }, hint('catch up'))),
    // The hub's evaluation (src/features/evaluation).
    m('renderEvaluation', 'three projects, six sessions, schools held back, a summary', renderEvaluation({ ...evaluationView, projects: evaluated, summaries: new Map([['p0', t('Most tried bar models; several noticed more reasoning.')]]) })),
    m('renderEvaluation', 'a group with no session yet, no files here', renderEvaluation({ ...evaluationView, groups: 1, canSendFiles: false, projects: computeEvaluation({ groups: [group], sessions: [], participants: new Map(), apologies: new Map(), reflections: new Map(), marks: [], schools: new Map(), now: NOW }) })),
    m('renderProjectChoice', 'twenty-five projects', renderProjectChoice(t('Great North Maths Hub'), '2026/27', Array.from({ length: 25 }, (_, i) => ({ projectTitle: t(`Mastery Readiness ${i}`), groups: 1 + (i % 4), participants: 15 * (1 + (i % 4)), command: `evaluation ${t(`Mastery Readiness ${i}`)} 2026/27` })))),
    m('renderHubChoice', 'three hubs', renderHubChoice([0, 1, 2].map((i) => ({ name: t(`Great North Maths Hub ${i}`), command: `evaluation ${t(`Great North Maths Hub ${i}`)}` })))),
    // The catalogue.
    m('renderAnswer', 'projects that fit', answer),
    m('renderAnswer', 'nothing fits', nothing),
    m('renderAnswer', 'ranked by an AI model', aiAnswer),
    m('withAnswerButtons', 'a private answer', withAnswerButtons(answer, 'q1', true)),
    m('asShared', 'shared to the channel', asShared(answer, actor)),
    m('renderUnanswered', 'for hub staff', renderUnanswered(Array.from({ length: 30 }, () => ({ question, askedAt: NOW, reason: 'no-match' })), [{ question, askedAt: NOW }])),
    ...(['primary', 'secondary', 'early years', 'post-16'] as const).map((phase) => m('renderPhaseAnswer', phase, renderPhaseAnswer(catalogue, [phase], { hint, offerShare: true }))),
    m('renderPhaseAnswer', 'every phase, shared', renderPhaseAnswer(catalogue, ['early years', 'primary', 'secondary', 'post-16'], { hint, sharedBy: actor })),
    m('renderPhasePicker', 'pick a phase', renderPhasePicker(catalogue, hint)),
    ...(['teachers', 'leaders'] as const).map((group) => m('renderPhaseDetails', `secondary, ${group} in full`, renderPhaseDetails(catalogue, ['secondary'], group, { hint }))),
    m('renderPhaseDetails', 'every phase, leaders in full', renderPhaseDetails(catalogue, ['early years', 'primary', 'secondary', 'post-16'], 'leaders', { hint })),
    // renderNoProjects is reached through the phase answer, for a phase with nothing in it.
    m('renderNoProjects', 'a phase with no projects', renderPhaseAnswer({ ...catalogue, projects: [] }, ['post-16'], { hint })),
    m('renderNoCatalogue', 'no catalogue', renderNoCatalogue()),
    // The home page.
    m('renderHome', 'full', renderHome({ upcoming, waiting: upcoming.slice(0, 3), library: { subgroups: 2, resources: resources.slice(0, 5).map((r) => ({ title: r.title, url: r.url, host: r.host, sharedAt: NOW, subgroup: subgroup.name })) } }, ZONE)),
    m('renderHome', 'empty', renderHome({ upcoming: [], waiting: [], library: { subgroups: 0, resources: [] } }, ZONE)),
    // The core's own: errors and confirmations.
    m('userFacingMessage', 'an unexpected failure', textMessage(userFacingMessage(new Error('boom'), 'abc123'))),
    m('userFacingMessage', 'a failure with a sentence', textMessage(userFacingMessage(new BotError('not_found', 'x', { userMessage: 'I can’t post in that conversation any more. Ask me there again.' }), 'abc123'))),
    m('confirmMessage', 'a question', confirmMessage(`Erase ${userText(t('this'))}?`, { id: 'a', label: 'Yes', value: 'y' }, { id: 'b', label: 'No', value: 'n' })),
  ]
}

/**
 * What the help feature says: the short help for each kind of asker and the full list (from its
 * renderers), then greetings and the hello when installed (through its handlers).
 */
export async function helpMessages(features: Feature[]): Promise<CorpusEntry[]> {
  const said: Message[] = []
  const reply: Reply = { commandPrefix: '/workgroups', send: async (message) => void said.push(message) }
  const hint = (args: string) => `\`/workgroups ${args}\``
  const ctx: HandlerContext = { reply, hint, log: { child: () => ctx.log } as never }
  // Greetings and the install hello read nothing from the store.
  const help = createHelpFeature({ db: undefined as never, features: () => [...features, help], isAdmin: async () => true })
  const event = { kind: 'command', id: 'e', redeliverable: false, actor: { platform: 'slack', workspaceId: 'T1', userId: 'U1' }, place: { conversationId: 'C1', kind: 'channel' } } as const
  await help.commands!.thanks!({ ...event, text: 'thanks' } satisfies CommandEvent, '', ctx)
  await help.installed!({ ...event, kind: 'installed' } as never, ctx)
  const group = { id: 'g1', leadUserId: 'U1' } as never
  const entries = [...features, help].flatMap((f) => f.help ?? [])
  return [
    { builder: 'renderShortHelp', name: 'a participant', message: renderShortHelp({ isLead: false, isAdmin: false }, hint) },
    { builder: 'renderShortHelp', name: 'a Lead in their channel who is a hub administrator', message: renderShortHelp({ groupHere: group, isLead: true, isAdmin: true }, hint) },
    { builder: 'renderFullHelp', name: 'help all, for an administrator', message: renderFullHelp(entries, { isLead: true, isAdmin: true }, hint) },
    ...said.map((message, i) => ({ builder: 'help', name: ['thanks', 'installed'][i]!, message })),
  ]
}
