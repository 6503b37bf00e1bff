// npm run bench: every benchmark, with its figures and targets (it fails only when a run is not
// valid, e.g. requests failed). BENCH_ONLY=questions|slack|reminders|reflections|evaluation|resources|startup runs one;
// BENCH_SLACK_TOKENS=installed takes the reminders' token from the "Add to Slack" store.
import { benchCatalogueQuestions } from './catalogue-questions.js'
import { benchEvaluation } from './evaluation.js'
import { benchReflections } from './reflections.js'
import { benchReminders } from './reminders.js'
import { benchResources } from './resources.js'
import { benchSlackCommand } from './slack-command.js'
import { benchStartupFootprint } from './startup-footprint.js'

const only = process.env.BENCH_ONLY
const results: boolean[] = []
if (!only || only === 'questions') results.push(await benchCatalogueQuestions())
if (!only || only === 'slack') {
  console.log('')
  results.push(await benchSlackCommand())
}
if (!only || only === 'reminders') {
  console.log('')
  results.push(await benchReminders())
}
if (!only || only === 'reflections') {
  console.log('')
  results.push(await benchReflections())
}
if (!only || only === 'evaluation') {
  console.log('')
  results.push(await benchEvaluation())
}
if (!only || only === 'resources') {
  console.log('')
  results.push(await benchResources())
}
if (!only || only === 'startup') {
  console.log('')
  results.push(await benchStartupFootprint())
}
if (results.includes(false)) process.exitCode = 1
