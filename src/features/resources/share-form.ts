// The share form (one definition for a Slack modal and a Teams card) and the sub-group form.
// The share form's state carries the link and where it was shared from, signed, so that a
// crafted submission cannot point the provenance link somewhere else.
import type { Form } from '../../core/forms.js'
import type { Subgroup } from '../../domain/subgroups.js'
import { SUBGROUP_NAME_MAX } from '../../domain/subgroups.js'

export const FORM_SHARE = 'resources.share'
export const FORM_SUBGROUP = 'resources.subgroup'
export const TITLE_MAX = 200
export const TAGS_MAX = 300

export const PHASES = [
  { value: 'early-years', label: 'Early years' },
  { value: 'primary', label: 'Primary' },
  { value: 'secondary', label: 'Secondary' },
  { value: 'post-16', label: 'Post-16' },
  { value: 'all', label: 'All phases' },
]

export function shareForm(input: { state: string; url: string; title: string; tags: string; subgroups: Subgroup[]; chosen: string[]; alreadyShared?: string }): Form {
  return {
    id: FORM_SHARE,
    title: 'Share a resource',
    submitLabel: 'Share',
    intro: [`Link: ${input.url}`, input.alreadyShared].filter(Boolean).join('\n'),
    state: input.state,
    fields: [
      { type: 'text', id: 'title', label: 'Title', required: true, maxLength: TITLE_MAX, initial: input.title },
      {
        type: 'text',
        id: 'tags',
        label: 'Tags',
        maxLength: TAGS_MAX,
        initial: input.tags,
        hint: 'Phase, key stage and topic, then your own: for example “secondary, ks3, fractions, retrieval”.',
      },
      {
        type: 'select',
        id: 'subgroups',
        label: 'Send it to',
        required: true,
        multiple: true,
        options: input.subgroups.map((s) => ({ value: s.id, label: s.name })),
        ...(input.chosen.length ? { initial: input.chosen.join(',') } : {}),
      },
    ],
  }
}

export function subgroupForm(current?: Subgroup): Form {
  return {
    id: FORM_SUBGROUP,
    title: 'Sub-group',
    submitLabel: 'Save',
    intro: 'This channel becomes one of the sub-group’s channels: resources shared into the sub-group are posted here. A new name creates a new sub-group.',
    fields: [
      {
        type: 'text',
        id: 'name',
        label: 'Sub-group name',
        required: true,
        maxLength: SUBGROUP_NAME_MAX,
        placeholder: 'e.g. Secondary Mastery Specialists — Years 7–11 Coherence',
        ...(current ? { initial: current.name } : {}),
      },
      { type: 'select', id: 'phase', label: 'Phase', options: PHASES, ...(current?.phase ? { initial: current.phase } : {}) },
    ],
  }
}
