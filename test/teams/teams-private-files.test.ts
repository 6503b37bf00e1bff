// A file for one person on Teams, through the Bot Framework protocol: a test feature calls
// ctx.reply.sendFilePrivately from a channel @mention, the file consent card goes to the
// person's 1:1 chat (never the channel), and the fileConsent/invoke that Teams sends when they
// answer it is played back: accept PUTs the bytes to the OneDrive upload URL (a local double)
// and shows a file info card; a second accept, a decline, a lapsed offer and someone else's
// accept each get what they should.
// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FILE_CONSENT_CARD, FILE_CONSENT_TEXT, FILE_INFO_CARD } from '../../adapters/teams/teams-file-consent.js'
import type { Feature } from '../../src/core/bot.js'
import { createFakeClock } from '../../src/core/clock.js'
import { channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { type Harness, startHarness } from '../support/adapter-harness.js'
import { postActivity } from '../support/connector-double.js'
import { type HttpDouble, json, startHttpDouble } from '../support/http-double.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const CSV = Buffer.concat([Buffer.from('name,rating\r\nAda,5\r\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x00, 0x80])])
const TENANT = channelMention.channelData.tenant.id
const CHANNEL = channelMention.conversation.id.split(';')[0]!

const feature: Feature = {
  name: 'test-private-files',
  commands: {
    'export me': async (_event, _args, ctx) => {
      if (!ctx.reply.sendFilePrivately) throw new Error('no sendFilePrivately on this reply')
      await ctx.reply.sendFilePrivately({ name: 'my-data.csv', mimeType: 'text/csv', content: CSV, comment: 'Your data, as you asked.' })
    },
  },
}

const clock = createFakeClock('2026-12-03T10:00:00Z')
let database: TestDatabase
let harness: Harness
let oneDrive: HttpDouble
let ids = 0

beforeAll(async () => {
  database = await createTestDatabase()
  harness = await startHarness([feature], { db: database.db, clock })
  // OneDrive's upload session: 201 Created with the driveItem once the last range is in.
  oneDrive = await startHttpDouble((request, res) => json(res, 201, { id: 'item-1', name: 'my-data.csv', size: request.raw.length }))
})
afterAll(async () => {
  await harness?.stop()
  await oneDrive?.close()
  await database?.close()
})
beforeEach(() => {
  clock.set('2026-12-03T10:00:00Z')
})

const withConnector = <T extends object>(activity: T, overrides: Record<string, unknown> = {}) => ({
  ...activity,
  id: `activity-${++ids}`,
  serviceUrl: `${harness.connector.url}/`,
  ...overrides,
})

const consentCards = () =>
  harness.connector.calls().flatMap((c) => (c.method === 'POST' ? (c.body?.attachments ?? []).filter((a: any) => a.contentType === FILE_CONSENT_CARD).map((card: any) => ({ call: c, card })) : []))

/** What Teams sends when the card's Allow or Decline is pressed, from the 1:1 chat. */
function consentInvoke(conversationId: string, action: 'accept' | 'decline', context: unknown, from: object = channelMention.from, uploadPath = `/up/${ids + 1}`) {
  return withConnector({
    type: 'invoke',
    name: 'fileConsent/invoke',
    channelId: 'msteams',
    from,
    recipient: channelMention.recipient,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT } },
    value: {
      type: 'fileUpload',
      action,
      context,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              contentUrl: 'https://contoso-my.sharepoint.com/personal/larry_contoso_com/Documents/Applications/Maths Hubs/my-data.csv',
              name: 'my-data.csv',
              uploadUrl: `${oneDrive.url}${uploadPath}`,
              uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
              fileType: 'csv',
            },
          }
        : {}),
    },
  })
}

const sentTo = (conversationId: string) => harness.connector.calls().filter((c) => c.method === 'POST' && c.conversationId === conversationId)
const texts = (conversationId: string) => sentTo(conversationId).map((c) => c.body?.text).filter(Boolean)
const heldRows = () => database.db.selectFrom('held_files').select(['id', 'user_id']).execute()

describe('Teams: a file sent privately', () => {
  let direct = ''
  let context: { heldFileId: string }

  it('offers the file with a consent card in the asker’s 1:1 chat, not in the channel', async () => {
    const res = await postActivity(harness.url, withConnector(channelMention, { text: '<at>TestBot</at> export me' }))
    expect(res.status).toBe(200)
    const [created] = harness.connector.created()
    expect(created).toMatchObject({ isGroup: false, members: [{ id: channelMention.from.id }], tenantId: TENANT })
    const [offer, ...more] = consentCards()
    expect(more).toEqual([])
    direct = offer!.call.conversationId
    expect(direct).toMatch(/^a:created-/)
    expect(offer!.card).toMatchObject({ name: 'my-data.csv', content: { description: 'Your data, as you asked.', sizeInBytes: CSV.length } })
    context = offer!.card.content.acceptContext
    expect(offer!.card.content.declineContext).toEqual(context)
    // The context is an unguessable id, not the file or anything about it.
    expect(Object.keys(context)).toEqual(['heldFileId'])
    expect(context.heldFileId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(sentTo(CHANNEL)).toEqual([])
    expect(harness.connector.calls().filter((c) => c.conversationId.startsWith(CHANNEL))).toEqual([])
  })

  it('refuses an accept from someone else in the tenant, and keeps the file for its owner', async () => {
    const stranger = { id: '29:someone-else', name: 'Mallory', aadObjectId: '0b9d2e8c-0000-4000-8000-000000000001' }
    const res = await postActivity(harness.url, consentInvoke(direct, 'accept', context, stranger))
    expect(res.status).toBe(403)
    expect(oneDrive.requests).toEqual([])
    expect(await heldRows()).toHaveLength(1)
  })

  it('on accept, PUTs the bytes to the upload URL, shows the saved file, and answers the invoke with 200', async () => {
    const before = sentTo(direct).length
    const res = await postActivity(harness.url, consentInvoke(direct, 'accept', context, channelMention.from, '/up/session-1'))
    expect(res.status).toBe(200)
    const [put, ...others] = oneDrive.requests
    expect(others).toEqual([])
    expect(put!.method).toBe('PUT')
    expect(put!.path).toBe('/up/session-1')
    expect(put!.raw.equals(CSV)).toBe(true)
    expect(put!.headers['content-range']).toBe(`bytes 0-${CSV.length - 1}/${CSV.length}`)
    expect(put!.headers['content-length']).toBe(String(CSV.length))
    const [info] = sentTo(direct).slice(before).flatMap((c) => c.body?.attachments ?? [])
    expect(info).toEqual({
      contentType: FILE_INFO_CARD,
      contentUrl: 'https://contoso-my.sharepoint.com/personal/larry_contoso_com/Documents/Applications/Maths Hubs/my-data.csv',
      name: 'my-data.csv',
      content: { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'csv' },
    })
    expect(await heldRows()).toEqual([])
    expect(sentTo(CHANNEL)).toEqual([])
  })

  it('answers a second accept of the same card with a sentence, and uploads nothing', async () => {
    const res = await postActivity(harness.url, consentInvoke(direct, 'accept', context))
    expect(res.status).toBe(200)
    expect(oneDrive.requests).toHaveLength(1)
    expect(texts(direct).at(-1)).toBe(FILE_CONSENT_TEXT.gone)
  })

  it('uses the 1:1 chat it opened before when asked from the channel again', async () => {
    const offers = consentCards().length
    await postActivity(harness.url, withConnector(channelMention, { text: '<at>TestBot</at> export me' }))
    expect(harness.connector.created()).toHaveLength(1)
    const offer = consentCards().at(-1)!
    expect(consentCards()).toHaveLength(offers + 1)
    expect(offer.call.conversationId).toBe(direct)
    expect(sentTo(CHANNEL)).toEqual([])
    // Declined, so the rest of the file starts with nothing held.
    await postActivity(harness.url, consentInvoke(direct, 'decline', offer.card.content.declineContext))
    expect(await heldRows()).toEqual([])
  })

  it('says so in a sentence, and holds nothing, when it cannot open a 1:1 chat with the person', async () => {
    const newcomer = { id: '29:newcomer', name: 'Nia', aadObjectId: '2c7e0d51-0000-4000-8000-000000000002' }
    harness.connector.refuseNewConversations(true)
    try {
      const activity = withConnector(channelMention, { text: '<at>TestBot</at> export me', from: newcomer })
      expect((await postActivity(harness.url, activity)).status).toBe(200)
      // No 1:1 chat for the apology either, so it is said in the channel's thread: words, no file.
      const inChannel = JSON.stringify(harness.connector.calls().filter((c) => c.conversationId.startsWith(CHANNEL)).map((c) => c.body))
      expect(inChannel).toContain('I couldn’t send you the file in a private chat with me.')
      expect(consentCards().filter((o) => o.call.conversationId.startsWith(CHANNEL))).toEqual([])
      expect(await heldRows()).toEqual([])
    } finally {
      harness.connector.refuseNewConversations(false)
    }
  })

  it('from the 1:1 chat itself, offers the file there; a decline drops it and says so', async () => {
    const personal = personalMessage.conversation.id
    const res = await postActivity(harness.url, withConnector(personalMessage, { text: 'export me' }))
    expect(res.status).toBe(200)
    const offer = consentCards().at(-1)!
    expect(offer.call.conversationId).toBe(personal)
    expect(await heldRows()).toHaveLength(1)

    const declined = await postActivity(harness.url, consentInvoke(personal, 'decline', offer.card.content.declineContext, personalMessage.from))
    expect(declined.status).toBe(200)
    expect(texts(personal).at(-1)).toBe(FILE_CONSENT_TEXT.declined)
    expect(FILE_CONSENT_TEXT.declined).toBe('Not sent: the file was not saved.')
    expect(await heldRows()).toEqual([])
    // Accepting after declining finds nothing to send.
    await postActivity(harness.url, consentInvoke(personal, 'accept', offer.card.content.acceptContext, personalMessage.from))
    expect(texts(personal).at(-1)).toBe(FILE_CONSENT_TEXT.gone)
    expect(oneDrive.requests).toHaveLength(1)
  })

  it('lets an offer lapse after 30 minutes', async () => {
    await postActivity(harness.url, withConnector(personalMessage, { text: 'export me' }))
    const offer = consentCards().at(-1)!
    clock.advance(31 * 60_000)
    const res = await postActivity(harness.url, consentInvoke(offer.call.conversationId, 'accept', offer.card.content.acceptContext, personalMessage.from))
    expect(res.status).toBe(200)
    expect(texts(offer.call.conversationId).at(-1)).toBe(FILE_CONSENT_TEXT.gone)
    expect(oneDrive.requests).toHaveLength(1)
  })

  it('treats a forged or missing context as nothing to send', async () => {
    const personal = personalMessage.conversation.id
    for (const forged of [{ heldFileId: 'not-a-uuid' }, { heldFileId: '00000000-0000-4000-8000-000000000000' }, undefined]) {
      const res = await postActivity(harness.url, consentInvoke(personal, 'accept', forged, personalMessage.from))
      expect(res.status).toBe(200)
      expect(texts(personal).at(-1)).toBe(FILE_CONSENT_TEXT.gone)
    }
    expect(oneDrive.requests).toHaveLength(1)
  })
})
