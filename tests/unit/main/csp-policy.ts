// Checks a Content-Security-Policy by parsing it, directive by directive, against what the renderer
// really needs. Comparing the served header with the CONTENT_SECURITY_POLICY constant proves only
// that the constant is sent; a weakened constant would still match itself.

/**
 * Every directive the policy may have, and every source each one may list. Anything else (an
 * unknown directive, `*`, `'unsafe-inline'`, `'unsafe-eval'`, a scheme such as `https:`) is a finding.
 */
export const CSP_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // index.html's favicon is an empty data: URI (so no request for /favicon.ico); nothing else is.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Without these the browser falls back to allowing (base-uri, form-action, frame-ancestors do not fall back to default-src). */
export const CSP_REQUIRED: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const name = tokens.shift()?.toLowerCase();
    if (!name) continue;
    // Browsers ignore a repeated directive; a policy that repeats one does not say what it seems to.
    if (directives.has(name)) throw new Error(`CSP repeats ${name}`);
    directives.set(name, tokens);
  }
  return directives;
}

/** Every way the policy is weaker than the allow-list; empty when it is as strict. */
export function cspFindings(policy: string): string[] {
  const findings: string[] = [];
  let directives: Map<string, string[]>;
  try {
    directives = parseCsp(policy);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const [name, sources] of directives) {
    const allowed = CSP_ALLOWED[name];
    if (!allowed) {
      findings.push(`unexpected directive ${name}`);
      continue;
    }
    if (sources.length === 0) findings.push(`${name} lists no source`);
    for (const source of sources) {
      if (!allowed.includes(source.toLowerCase())) findings.push(`${name} allows ${source}`);
    }
    if (sources.includes("'none'") && sources.length > 1) findings.push(`${name} mixes 'none' with sources`);
  }
  for (const [name, value] of Object.entries(CSP_REQUIRED)) {
    const sources = directives.get(name);
    if (!sources || sources.length !== 1 || sources[0] !== value) findings.push(`${name} must be exactly ${value}`);
  }
  return findings;
}
