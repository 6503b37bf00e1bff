/// <reference lib="dom" />
// End to end through Microsoft's Agents Playground in a real (headless) browser: the bot's
// cards rendered and clicked as a Teams user would. Needs Chromium (/usr/bin/chromium, Debian
// package "chromium"); run with `npm run test:e2e`.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grantAdmins } from '../../src/domain/hub-admins.js'
import { seedEvaluation } from '../evaluation/evaluation-fixture.js'
import { eventually } from '../support/http-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SHOTS = path.resolve('.tmp')
// Selectors of the playground's own UI (0.2.28).
const EDITOR = '[data-lexical-editor="true"][role="textbox"]'
const CARD = '.ac-adaptiveCard'

let bot: TestBot
let playground: ChildProcess
let browser: BrowserContext
let page: Page
let profile: string

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`)
  mkdirSync(SHOTS, { recursive: true })
  bot = await startTestBot({ withoutSlack: true })
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js')
  const wanted = String(40000 + Math.floor(Math.random() * 20000))
  playground = spawn(process.execPath, [cli, '-e', `${bot.url}/api/messages`, '-c', 'msteams', '-p', wanted, '--disable-telemetry'], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: path.join(SHOTS, 'playground.log') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  playground.stdout!.on('data', (chunk) => (out += chunk))
  // It silently moves to another port when the one asked for is taken.
  const port = await eventually(() => /Listening on (\d+)/.exec(out)?.[1], 20_000)
  profile = mkdtempSync(path.join(tmpdir(), 'mhb-chromium-'))
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  })
  page = browser.pages()[0] ?? (await browser.newPage())
  // The playground page asks an Office CDN for fonts; fail those at once (no internet here).
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort())
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'domcontentloaded' })
  await page.locator(EDITOR).first().waitFor({ timeout: 30_000 })
}, 90_000)

afterAll(async () => {
  await browser?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
  playground?.kill('SIGINT')
  await bot?.stop()
})

async function cardsNow(): Promise<number> {
  return page.locator(CARD).count()
}

async function nextCard(before: number, text: string) {
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length > (n as number), [CARD, before], { timeout: 20_000 })
  const card = page.locator(CARD, { hasText: text }).last()
  await card.waitFor({ timeout: 20_000 })
  return card
}

describe('Agents Playground (a Teams-like client) in Chromium', () => {
  it('answers "workgroups secondary" in a personal chat with the rendered card', async () => {
    const before = await cardsNow()
    await page.locator(EDITOR).first().click()
    await page.keyboard.type('workgroups secondary')
    await page.locator('button[aria-label="Send Message"]').click()
    const card = await nextCard(before, 'Secondary projects')
    const text = await card.innerText()
    expect(text).toContain('Mathematical Thinking for GCSE')
    expect(text).toContain('Secondary Subject Leadership')
    expect(text).toContain('New this year')
    expect(text.indexOf('For teachers')).toBeLessThan(text.indexOf('For leaders, specialists and networks'))
    await page.screenshot({ path: path.join(SHOTS, 'playground-secondary.png'), fullPage: true })
    // Each group's details replace the list in place.
    await card.getByRole('button', { name: 'Details: leaders and networks' }).click()
    const details = page.locator(CARD, { hasText: 'Secondary projects: for leaders, specialists and networks' }).last()
    await details.waitFor({ timeout: 20_000 })
    expect(await details.innerText()).toContain('Who it’s for')
    await page.screenshot({ path: path.join(SHOTS, 'playground-secondary-details.png'), fullPage: true })
  })

  it('offers phase buttons, and a click replaces the card with that phase', async () => {
    const before = await cardsNow()
    await page.locator(EDITOR).first().click()
    await page.keyboard.type('workgroups')
    await page.keyboard.press('Enter')
    const picker = await nextCard(before, 'Which phase are you interested in?')
    await picker.getByRole('button', { name: 'Post-16' }).click()
    const answer = page.locator(CARD, { hasText: 'Post-16 projects' }).last()
    await answer.waitFor({ timeout: 20_000 })
    expect(await answer.innerText()).toContain('Supporting Post-16 GCSE Resit')
    // Replaced in place: the picker is gone.
    expect(await page.locator(CARD, { hasText: 'Which phase are you interested in?' }).count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'playground-phase-button.png'), fullPage: true })
  })

  it('shows a hub administrator the evaluation, with its chart drawn as a picture in the card', async () => {
    // The playground's user becomes a hub administrator of its tenant, which gets a hub's year.
    const me = await bot.db.selectFrom('conversation_references').select(['workspace_id', 'user_id']).where('platform', '=', 'teams').where('conversation_kind', '=', 'direct').executeTakeFirstOrThrow()
    await grantAdmins(bot.db, { platform: 'teams', workspaceId: me.workspace_id }, [me.user_id!], 'e2e')
    await seedEvaluation(bot.db, { platform: 'teams', workspaceId: me.workspace_id, otherWorkspaceId: 'another-tenant', id: (key) => `29:${key}`, channel: (key) => `19:${key}@thread.tacv2` })
    const before = await cardsNow()
    await page.locator(EDITOR).first().click()
    await page.keyboard.type('workgroups evaluation mastery readiness')
    await page.keyboard.press('Enter')
    const card = await nextCard(before, 'Evaluation: Matrix Maths Hub')
    expect(await card.innerText()).toContain('9 of 11 reflected (82%)')
    const picture = card.locator('img').first()
    await picture.waitFor({ timeout: 20_000 })
    // Decoded and drawn by the client, not a broken image.
    expect(await picture.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 800, 400])
    expect(await picture.getAttribute('alt')).toContain('Session 1: 100% attended, rated 4.2')
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(SHOTS, 'playground-evaluation-chart.png'), fullPage: true })
  })

  it('answers an @mention in a team channel privately, and shares it back to the thread', async () => {
    await page.getByRole('treeitem', { name: 'My Team - General' }).click()
    const editor = page.locator(EDITOR).first()
    await editor.waitFor()
    await editor.click()
    await page.keyboard.type('@Test')
    await page.getByRole('menuitem', { name: 'Test Bot' }).click()
    await page.keyboard.type(' workgroups primary')
    await page.getByRole('button', { name: 'Post', exact: true }).click()
    // Teams has no private messages in channels: the answer goes to the 1:1 chat, with a note here.
    await page.locator('p', { hasText: 'I’ve sent you my answer in a private chat with me.' }).last().waitFor({ timeout: 20_000 })
    await page.screenshot({ path: path.join(SHOTS, 'playground-channel-notice.png'), fullPage: true })

    await page.getByRole('treeitem', { name: /Personal Chat/ }).click()
    const answer = page.locator(CARD, { hasText: 'Primary projects' }).last()
    await answer.waitFor({ timeout: 20_000 })
    expect(await answer.innerText()).toContain('Years 5 to 8 Continuity')
    await answer.getByRole('button', { name: 'Share to channel' }).click()

    await page.getByRole('treeitem', { name: 'My Team - General' }).click()
    const shared = page.locator(CARD, { hasText: 'Shared by' }).last()
    await shared.waitFor({ timeout: 20_000 })
    expect(await shared.innerText()).toContain('Primary projects')
    await page.screenshot({ path: path.join(SHOTS, 'playground-channel.png'), fullPage: true })
  })
})
