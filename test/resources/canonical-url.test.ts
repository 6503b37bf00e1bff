import { describe, expect, it } from 'vitest'
import { MAX_URL_LENGTH, readResourceUrl } from '../../src/features/resources/canonical-url.js'

function accepted(raw: string) {
  const reading = readResourceUrl(raw)
  if (!reading.ok) throw new Error(`expected ${raw} to be accepted, got: ${reading.problem}`)
  return reading
}

const canonical = (raw: string) => accepted(raw).canonical

function problem(raw: string): string {
  const reading = readResourceUrl(raw)
  if (reading.ok) throw new Error(`expected ${raw} to be refused, got ${reading.canonical}`)
  return reading.problem
}

const INTERNAL = /private network/

describe('readResourceUrl: the link to use', () => {
  it('gives the link as typed, normalised enough to use in a message', () => {
    expect(accepted('https://www.ncetm.org.uk/classroom-resources/?utm_source=x#top')).toEqual({
      ok: true,
      url: 'https://www.ncetm.org.uk/classroom-resources/?utm_source=x#top',
      canonical: 'https://ncetm.org.uk/classroom-resources',
      host: 'ncetm.org.uk',
    })
  })

  it('trims spaces and new lines around the link', () => {
    expect(accepted('  https://www.ncetm.org.uk/a \n').url).toBe('https://www.ncetm.org.uk/a')
  })

  it("unwraps Slack's <url|label> form, keeping the URL and not the label", () => {
    const reading = accepted('<https://www.ncetm.org.uk/resources/fractions|NCETM fractions>')
    expect(reading.url).toBe('https://www.ncetm.org.uk/resources/fractions')
    expect(reading.host).toBe('ncetm.org.uk')
  })

  it("unwraps Slack's <url> form", () => {
    expect(accepted('<https://nrich.maths.org/10795>').url).toBe('https://nrich.maths.org/10795')
  })

  it('undoes the &amp; escaping Slack applies to links in message text', () => {
    expect(accepted('<https://example.org/search?q=ratio&amp;page=2|search>').url).toBe('https://example.org/search?q=ratio&page=2')
    expect(accepted('https://example.org/search?q=ratio&amp;page=2').canonical).toBe('https://example.org/search?page=2&q=ratio')
  })

  it.each([
    ['www.ncetm.org.uk/primary', 'https://www.ncetm.org.uk/primary'],
    ['ncetm.org.uk/primary', 'https://ncetm.org.uk/primary'],
    ['ncetm.org.uk', 'https://ncetm.org.uk/'],
    ['nrich.maths.org:8443/x', 'https://nrich.maths.org:8443/x'],
    ['//nrich.maths.org/x', 'https://nrich.maths.org/x'],
  ])('gives scheme-less %s the https scheme', (raw, url) => {
    expect(accepted(raw).url).toBe(url)
  })

  it('percent-encodes characters that are not safe in a link', () => {
    expect(accepted('https://example.org/a"b?q=<x>').url).toBe('https://example.org/a%22b?q=%3Cx%3E')
  })

  it('shows the host without www. and without a trailing dot', () => {
    expect(accepted('https://WWW.Maths.Example.ORG./a').host).toBe('maths.example.org')
    expect(accepted('https://nrich.maths.org/a').host).toBe('nrich.maths.org')
  })

  it('keeps www. when what follows is not a host of its own', () => {
    expect(accepted('https://www.com/a').host).toBe('www.com')
  })

  it('writes an international domain name in punycode, as new URL does', () => {
    const reading = accepted('https://bücher.example/maths')
    expect(reading.url).toBe('https://xn--bcher-kva.example/maths')
    expect(reading.canonical).toBe('https://xn--bcher-kva.example/maths')
    expect(reading.host).toBe('xn--bcher-kva.example')
  })
})

describe('readResourceUrl: one canonical form per resource', () => {
  it('reads one NCETM page shared nine ways as one resource', () => {
    const ways = [
      'https://www.ncetm.org.uk/classroom-resources/fractions-unit/',
      'http://ncetm.org.uk/classroom-resources/fractions-unit',
      'HTTPS://WWW.NCETM.ORG.UK/classroom-resources/fractions-unit#section-2',
      'https://www.ncetm.org.uk:443/classroom-resources/fractions-unit/?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      '<https://www.ncetm.org.uk/classroom-resources/fractions-unit/?fbclid=IwAR0abc123|Fractions unit>',
      'www.ncetm.org.uk/classroom-resources/fractions-unit',
      'ncetm.org.uk/classroom-resources/fractions-unit/?_hsenc=p2ANqtz&_hsmi=123&mc_cid=abc&mc_eid=def',
      'http://www.ncetm.org.uk:80/classroom-resources/%66ractions-unit?gclid=xyz#top',
      '  https://ncetm.org.uk./classroom-resources/fractions-unit  ',
    ]
    expect(new Set(ways.map(canonical))).toEqual(new Set(['https://ncetm.org.uk/classroom-resources/fractions-unit']))
  })

  it('reads one YouTube video shared ten ways as one resource', () => {
    const ways = [
      'https://youtu.be/dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ?si=Q2bx7Ye9_Lh0a1b2',
      'youtu.be/dQw4w9WgXcQ?t=42',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
      'https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&list=PL123&index=2',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0',
      '<https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ|video>',
    ]
    expect(new Set(ways.map(canonical))).toEqual(new Set(['https://youtube.com/watch?v=dQw4w9WgXcQ']))
  })

  it('keeps the link to a YouTube video as it was shared', () => {
    const reading = accepted('https://youtu.be/dQw4w9WgXcQ?si=abc')
    expect(reading.url).toBe('https://youtu.be/dQw4w9WgXcQ?si=abc')
    expect(reading.host).toBe('youtu.be')
  })

  it('treats YouTube pages that are not videos like any other page, without the share tracker', () => {
    expect(canonical('https://www.youtube.com/playlist?list=PLx5v2Mrf3Vc&si=abc')).toBe('https://youtube.com/playlist?list=PLx5v2Mrf3Vc')
    expect(canonical('https://www.youtube.com/@NCETM/videos')).toBe('https://youtube.com/@NCETM/videos')
    expect(canonical('https://www.youtube.com/watch?v=not-an-id')).toBe('https://youtube.com/watch?v=not-an-id')
  })

  it('is just the host for a site’s home page', () => {
    expect(canonical('https://www.ncetm.org.uk/')).toBe('https://ncetm.org.uk')
    expect(canonical('http://ncetm.org.uk')).toBe('https://ncetm.org.uk')
    expect(canonical('https://ncetm.org.uk/?utm_source=twitter#main')).toBe('https://ncetm.org.uk')
  })

  it('drops every trailing slash, not only the last', () => {
    expect(canonical('https://example.org/a/b//')).toBe('https://example.org/a/b')
  })

  it('sorts query parameters by name', () => {
    expect(canonical('https://example.org/search?topic=ratio&phase=ks3&age=11')).toBe('https://example.org/search?age=11&phase=ks3&topic=ratio')
    expect(canonical('https://example.org/search?b=2&a=1')).toBe(canonical('https://example.org/search?a=1&b=2'))
  })

  it('keeps repeated parameters in their order, since that order can matter', () => {
    expect(canonical('https://example.org/s?tag=b&x=1&tag=a')).toBe('https://example.org/s?tag=b&tag=a&x=1')
    expect(canonical('https://example.org/s?tag=b&tag=a')).not.toBe(canonical('https://example.org/s?tag=a&tag=b'))
  })

  it('drops empty pieces of a query', () => {
    expect(canonical('https://example.org/s?&a=1&&b=2&')).toBe('https://example.org/s?a=1&b=2')
  })

  it.each([
    'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id', 'fbclid', 'gclid', 'dclid',
    'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'ref', 'ref_src', '_hsenc', '_hsmi', 'mkt_tok', 'yclid', 'spm',
  ])('drops the tracking parameter %s and keeps the rest', (name) => {
    expect(canonical(`https://example.org/lesson?${name}=abc123&page=2`)).toBe('https://example.org/lesson?page=2')
  })

  it('recognises tracking parameters whatever their case', () => {
    expect(canonical('https://example.org/a?UTM_Source=x&FBCLID=y&id=3')).toBe('https://example.org/a?id=3')
  })

  it('drops si only on YouTube, where it is a share tracker', () => {
    expect(canonical('https://youtu.be/dQw4w9WgXcQ?si=abc')).toBe('https://youtube.com/watch?v=dQw4w9WgXcQ')
    expect(canonical('https://example.org/units?si=metres')).toBe('https://example.org/units?si=metres')
  })

  it('leaves no question mark when every parameter was tracking', () => {
    expect(canonical('https://example.org/a?utm_source=x&gclid=y')).toBe('https://example.org/a')
  })

  it('normalises percent-encoding, so escaped and plain forms of one path meet', () => {
    expect(canonical('https://example.org/~jo/%7Ejo/%7ejo')).toBe('https://example.org/~jo/~jo/~jo')
    expect(canonical('https://example.org/%41%62c')).toBe('https://example.org/Abc')
    expect(canonical('https://example.org/a%2fb')).toBe('https://example.org/a%2Fb')
    expect(canonical('https://example.org/a"b')).toBe(canonical('https://example.org/a%22b'))
    expect(canonical('https://example.org/s?q=x%2ay')).toBe('https://example.org/s?q=x%2Ay')
  })

  it('resolves dot segments as a browser would', () => {
    expect(canonical('https://example.org/a/./b/../c/')).toBe('https://example.org/a/c')
    expect(canonical('https://example.org/a/%2e%2E/c')).toBe('https://example.org/c')
  })

  it('drops default ports and keeps others', () => {
    expect(canonical('https://example.org:443/a')).toBe('https://example.org/a')
    expect(canonical('http://example.org:80/a')).toBe('https://example.org/a')
    expect(canonical('https://example.org:8443/a')).toBe('https://example.org:8443/a')
  })

  it('keeps the route of an app that routes with #/ or #!', () => {
    expect(canonical('https://app.example.org/#/lesson/5')).toBe('https://app.example.org#/lesson/5')
    expect(canonical('https://app.example.org/#!/lesson/5')).toBe('https://app.example.org#!/lesson/5')
  })

  describe('keeps different resources apart', () => {
    it.each([
      ['different query values', 'https://example.org/lesson?id=1', 'https://example.org/lesson?id=2'],
      ['a parameter more', 'https://example.org/lesson?id=1', 'https://example.org/lesson?id=1&part=2'],
      ['different paths', 'https://www.ncetm.org.uk/resources/1', 'https://www.ncetm.org.uk/resources/2'],
      ['paths differing in case', 'https://example.org/Fractions', 'https://example.org/fractions'],
      ['a sub-domain', 'https://ncetm.org.uk/a', 'https://maths.ncetm.org.uk/a'],
      ['different domains', 'https://ncetm.org.uk/a', 'https://ncetm.org/a'],
      ['different ports', 'https://example.org:8080/a', 'https://example.org:8081/a'],
      ['different YouTube videos', 'https://youtu.be/dQw4w9WgXcQ', 'https://youtu.be/9bZkp7q19f0'],
      ['different app routes', 'https://app.example.org/#/lesson/1', 'https://app.example.org/#/lesson/2'],
      ['an escaped slash and a real one', 'https://example.org/a%2Fb', 'https://example.org/a/b'],
      ['an escaped plus and a real one', 'https://example.org/s?q=a%2Bb', 'https://example.org/s?q=a+b'],
    ])('%s', (_, a, b) => {
      expect(canonical(a)).not.toBe(canonical(b))
    })
  })
})

describe('readResourceUrl: refusals', () => {
  it.each(['', '   ', 'fractions', 'place value', 'https://', 'http://exa mple.org/', 'see https://example.org/ for more', '<@U024BE7LH>', '<#C024BE7LR|maths>', 'https://ex..ample.org[/'])(
    'refuses %j as not a link',
    (raw) => {
      expect(problem(raw)).toBe('That doesn’t look like a web link: copy the whole address from your browser, starting https://.')
    },
  )

  it.each([
    ['javascript:alert(document.cookie)', 'javascript:'],
    ['JavaScript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['ftp://files.example.org/worksheet.pdf', 'ftp:'],
    ['mailto:lead@example.org', 'mailto:'],
    ['<mailto:lead@example.org|lead@example.org>', 'mailto:'],
    ['ws://example.org/socket', 'ws:'],
    ['vbscript:msgbox(1)', 'vbscript:'],
  ])('refuses the non-web link %s', (raw, scheme) => {
    expect(problem(raw)).toBe(`I can only share web links, starting https:// or http://, not “${scheme}” links.`)
  })

  it.each(['https://user:secret@example.org/a', 'https://user@example.org/a', 'https://:secret@example.org/a', 'http://admin:admin@www.ncetm.org.uk/'])(
    'refuses %s, which carries credentials',
    (raw) => {
      expect(problem(raw)).toMatch(/username or password/)
    },
  )

  it.each([
    'http://localhost/',
    'http://LOCALHOST:3000/admin',
    'localhost:3000/x',
    'http://localhost./',
    'http://api.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://nas.lan/',
    'http://router.home.arpa/',
    'http://intranet/',
    'https://fileserver./share',
    'http://10.0.0.1/',
    'http://10.255.255.255/',
    'http://127.0.0.1/',
    'http://127.8.9.10:8080/',
    'http://169.254.169.254/latest/meta-data',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://0.0.0.0/',
    'http://0.1.2.3/',
    'http://255.255.255.255/',
    'http://224.0.0.1/',
    '192.168.0.10/router',
  ])('refuses the internal address %s', (raw) => {
    expect(problem(raw)).toMatch(INTERNAL)
  })

  it.each([
    ['decimal', 'http://2130706433/'],
    ['hex and shortened', 'http://0x7f.1/'],
    ['octal', 'http://0177.0.0.1/'],
    ['shortened', 'http://127.1/'],
    ['one hex number', 'http://0x7f000001/'],
    ['one octal number', 'http://017700000001/'],
    ['zero', 'http://0/'],
    ['decimal for 192.168.1.1', 'http://3232235777/'],
    ['hex for the metadata service', 'http://0xA9FEA9FE/latest/meta-data'],
    ['mixed forms for 10.0.0.1', 'http://0xa.0.00.1/'],
  ])('refuses an internal IPv4 address written in %s form: %s', (_, raw) => {
    expect(problem(raw)).toMatch(INTERNAL)
  })

  it.each([
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::]/',
    'http://[fc00::1]/',
    'http://[fd12:3456:789a::1]/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:192.168.0.1]:8080/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://[2002:c0a8:101::1]/',
    'http://[ff02::1]/',
  ])('refuses the internal IPv6 address %s', (raw) => {
    expect(problem(raw)).toMatch(INTERNAL)
  })

  it.each([
    'http://172.15.255.255/',
    'http://172.32.0.1/',
    'http://100.63.255.255/',
    'http://100.128.0.1/',
    'http://169.253.1.1/',
    'http://11.0.0.1/',
    'http://8.8.8.8/',
    'http://[2606:4700:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'https://localnews.example.co.uk/',
    'https://internal.example.org/',
    'https://mylan.org/',
    'https://local.gov.uk/',
  ])('accepts the public address %s, just outside a private range or name', (raw) => {
    expect(readResourceUrl(raw).ok).toBe(true)
  })

  it(`accepts a link of exactly ${MAX_URL_LENGTH} characters and refuses a longer one`, () => {
    const base = 'https://example.org/'
    const exact = base + 'a'.repeat(MAX_URL_LENGTH - base.length)
    expect(accepted(exact).url).toHaveLength(MAX_URL_LENGTH)
    expect(problem(`${exact}a`)).toBe('That link is over 2,000 characters long: share a shorter address for the same page.')
  })

  it('counts the length after percent-encoding, which can make a link longer than it was typed', () => {
    const typed = `https://example.org/${'{'.repeat(700)}`
    expect(typed.length).toBeLessThan(MAX_URL_LENGTH)
    expect(problem(typed)).toMatch(/over 2,000 characters/)
  })

  it('refuses a long pasted Slack link by its URL, not its label', () => {
    const label = 'x'.repeat(3000)
    expect(accepted(`<https://example.org/a|${label}>`).url).toBe('https://example.org/a')
  })

  it('answers every refusal with one friendly sentence', () => {
    const refused = ['', 'javascript:alert(1)', 'https://u:p@example.org/', 'http://localhost/', `https://example.org/${'a'.repeat(2100)}`]
    for (const raw of refused) {
      const text = problem(raw)
      expect(text).toMatch(/^[A-Z].*\.$/)
      expect(text).not.toMatch(/\n|\. [A-Z]|error|invalid/i)
    }
  })

  it('never throws, whatever it is given', () => {
    const odd = ['<', '>', '<>', '<|>', '%', 'http://%', 'http://[', 'http://[::1', '\u0000', '\ud800', 'https://\u202e.example/', '::', '#', '?', 'http:', 'https:/x']
    for (const raw of odd) expect(() => readResourceUrl(raw)).not.toThrow()
    expect(readResourceUrl(undefined as unknown as string).ok).toBe(false)
  })
})
