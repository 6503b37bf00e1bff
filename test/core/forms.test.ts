import { describe, expect, it } from 'vitest'
import { type Form, validateForm } from '../../src/core/forms.js'

const form: Form = {
  id: 'test.form',
  title: 'A test form',
  submitLabel: 'Save',
  fields: [
    { type: 'number', id: 'rating', label: 'Rating', required: true, min: 1, max: 5 },
    { type: 'text', id: 'note', label: 'Note', maxLength: 10 },
    { type: 'select', id: 'who', label: 'Who', options: [{ value: 'me', label: 'Only me' }] },
    { type: 'select', id: 'groups', label: 'Groups', multiple: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
    { type: 'date', id: 'day', label: 'Day' },
    { type: 'time', id: 'at', label: 'Time' },
  ],
}

describe('validateForm', () => {
  it('accepts a good submission', () => {
    expect(validateForm(form, { rating: '4', note: 'short', who: 'me', day: '2026-01-31', at: '16:30' })).toEqual({})
  })

  it('names each bad field', () => {
    expect(validateForm(form, { rating: '9', note: 'far too long a note', who: 'boss', day: '31/01/2026', at: '4pm' })).toEqual({
      rating: 'Please enter 5 or less.',
      note: 'Please keep this to 10 characters (it is 19).',
      who: 'Please pick from the options.',
      day: 'Please enter a date like 2026-01-31.',
      at: 'Please enter a time like 16:30.',
    })
  })

  it('checks every choice of a multiple select', () => {
    expect(validateForm(form, { rating: '3', groups: 'a,b' })).toEqual({})
    expect(validateForm(form, { rating: '3', groups: 'a,zzz' })).toEqual({ groups: 'Please pick from the options.' })
  })

  it('requires required fields, even when only spaces were typed', () => {
    expect(validateForm(form, { rating: '   ' })).toEqual({ rating: 'Please fill in “Rating”.' })
  })
})
