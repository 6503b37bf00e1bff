// Reading events from iCalendar files people give the bot (calendar exports, term dates), with
// ical.js, in ways both readers need.
import ICAL from 'ical.js'

export type IcalComponent = InstanceType<typeof ICAL.Component>

/**
 * ical.js gives no line for what it cannot parse; trying each event alone finds the culprits.
 * `again` says how to get a good file ("export the calendar again"). ical.js's own message
 * ("Could not extract integer…") means nothing to a teacher, so it is not passed on.
 */
export function locateUnreadableEvents(text: string, again: string): { line: number; message: string }[] {
  const lines = text.split(/\r\n|\n|\r/)
  const problems: { line: number; message: string }[] = []
  lines.forEach((line, begin) => {
    if (!/^BEGIN:VEVENT[ \t]*$/i.test(line)) return
    const end = lines.findIndex((l, i) => i > begin && /^END:VEVENT[ \t]*$/i.test(l))
    const block = lines.slice(begin, end === -1 ? undefined : end + 1)
    try {
      ICAL.parse(['BEGIN:VCALENDAR', ...block, ...(end === -1 ? ['END:VEVENT'] : []), 'END:VCALENDAR', ''].join('\r\n'))
    } catch {
      problems.push({ line: begin + 1, message: `this event has something in it I cannot read; ${again}` })
    }
  })
  return problems
}

export function isCancelled(component: IcalComponent): boolean {
  return String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED'
}

/** A text property, trimmed; undefined when absent or blank. */
export function textProperty(component: IcalComponent, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name)
  const text = typeof value === 'string' ? value.trim() : undefined
  return text ? text : undefined
}
