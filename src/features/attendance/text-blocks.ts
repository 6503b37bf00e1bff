// People in the attendance feature's lists, named the one way every list names them.
import { mention, truncate } from '../../core/messages.js'

/** Longer than any real name; a name pasted from somewhere is cut, so the list still fits. */
const NAME_MAX = 80

/**
 * A person in a list, as a mention: by the name the group knows, or by id alone, which Slack shows
 * as the person's name and the Teams adapter names before rendering (never "someone").
 */
export const listed = (p: { userId: string; name?: string | undefined }): string => mention({ userId: p.userId, name: p.name ? truncate(p.name, NAME_MAX) : undefined })
