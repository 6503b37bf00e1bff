// Text from people, made safe to store and show. Postgres refuses 0x00 in text (so one NUL
// in a message failed the whole command), and the other C0 controls are invisible noise
// that only ever arrives from scripts or broken clients. Tab and new line are kept.

// Also lone UTF-16 surrogates: Postgres refuses them as invalid UTF-8 once encoded.
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Drops NUL and other control characters (not tab or new line); carriage returns become new lines. */
export function cleanUserText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWANTED, '')
}
