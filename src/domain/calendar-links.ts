// A Work Group's calendar link: the sessions feature serves it, the sessions list offers it.
import type { WorkGroup } from './work-groups.js'

export const CALENDAR_PATH = '/calendar/'

export function calendarUrl(publicUrl: string, group: WorkGroup): string {
  return `${publicUrl}${CALENDAR_PATH}${group.calendarToken}.ics`
}
