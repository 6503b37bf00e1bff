// The bot's few web pages (privacy, terms, "installed") share one plain, readable layout.
import type { ServerResponse } from 'node:http'

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

export function sendHtml(res: ServerResponse, status: number, html: string, cacheControl = 'no-store'): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': cacheControl, 'content-length': Buffer.byteLength(html) })
  res.end(html)
}
