// The problems found in a file, as a list people will read: a spreadsheet with one mistake in
// a column has it on every row, and hundreds of lines would bury the first one (and break the
// platforms' message limits). The first few are shown, then how many more there are.

export const PROBLEMS_LISTED = 20

export function listProblems(problems: readonly string[], shown = PROBLEMS_LISTED): string[] {
  if (problems.length <= shown) return [...problems]
  const hidden = problems.length - shown
  return [...problems.slice(0, shown), `…and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}; fix these and send the file again to see the rest.`]
}
