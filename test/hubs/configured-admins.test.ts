// HUB_ADMINS may name an administrator's workspace: then they administer that workspace only.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { adminCheck, configuredAdminsIn } from '../../src/domain/hub-admins.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

const configured = [{ workspaceId: 'T0NORTH', userId: 'U0NORTHADMIN' }, { userId: 'U0EVERYWHERE' }]

it('an administrator named with a workspace counts there and nowhere else; one without counts everywhere', async () => {
  const isAdmin = adminCheck(database.db, configured)
  expect(await isAdmin({ platform: 'slack', workspaceId: 'T0NORTH', userId: 'U0NORTHADMIN' })).toBe(true)
  expect(await isAdmin({ platform: 'slack', workspaceId: 'T0SOUTH', userId: 'U0NORTHADMIN' })).toBe(false)
  expect(await isAdmin({ platform: 'slack', workspaceId: 'T0SOUTH', userId: 'U0EVERYWHERE' })).toBe(true)
  expect(configuredAdminsIn(configured, 'T0SOUTH')).toEqual(['U0EVERYWHERE'])
  expect(configuredAdminsIn(configured, 'T0NORTH')).toEqual(['U0NORTHADMIN', 'U0EVERYWHERE'])
})
