import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentType } from '../../../src-main/renderer-assets';
import { cspFindings, parseCsp } from './csp-policy';

describe('Content-Security-Policy', () => {
  it('parses into exactly the allowed directives and sources', () => {
    expect(cspFindings(CONTENT_SECURITY_POLICY)).toEqual([]);
    const directives = parseCsp(CONTENT_SECURITY_POLICY);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  // The checker itself must be able to fail: each of these is a real way to weaken the policy.
  it.each([
    ["script-src 'self' 'unsafe-inline'", "script-src allows 'unsafe-inline'"],
    ["script-src 'self' 'unsafe-eval'", "script-src allows 'unsafe-eval'"],
    ["style-src 'self' 'unsafe-inline'", "style-src allows 'unsafe-inline'"],
    ['default-src *', 'default-src allows *'],
    ['connect-src *', 'connect-src allows *'],
    ['connect-src https:', 'connect-src allows https:'],
    ["img-src 'self' data: blob:", 'img-src allows blob:'],
    ["worker-src 'self'", 'unexpected directive worker-src'],
  ])('finds %s', (weaker, finding) => {
    const name = weaker.split(' ')[0]!;
    const policy = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith(`${name} `))
      .concat(weaker)
      .join('; ');
    expect(cspFindings(policy)).toContain(finding);
  });

  it('finds a missing directive that does not fall back to default-src, and a repeated one', () => {
    const without = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(cspFindings(without)).toEqual(["frame-ancestors must be exactly 'none'"]);
    expect(cspFindings(`${CONTENT_SECURITY_POLICY}; script-src *`)).toEqual(['CSP repeats script-src']);
  });
});

describe('content types', () => {
  it('names what the renderer build contains and falls back to octet-stream', () => {
    expect(contentType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/x/assets/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/x/font.woff2')).toBe('font/woff2');
    expect(contentType('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
