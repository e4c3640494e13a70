// What every node process on a machine pays before it runs a line, that Qalam cannot change.
// NODE_EXTRA_CA_CERTS names a file of CA certificates that node reads and parses at start-up
// (OpenSSL is initialised for it), whether or not the process ever opens a TLS connection. This
// machine sets it in every process's environment, to Debian's whole bundle (node -e 0 takes
// 0.07–0.09 s with it, 0.03 s without); a translator's desktop does not usually set it.
// The CLI rows are measured as the machine runs node, and again without that variable, in the
// same interleaved runs, so that both figures are on record and the reader sees what the
// variable costs. Nothing in `qalam translate` or `qalam list` makes a network connection.

/** The variable, when this environment sets it. */
export const EXTRA_CA_CERTS: string | undefined = process.env.NODE_EXTRA_CA_CERTS || undefined;

/** This process's environment without NODE_EXTRA_CA_CERTS. */
export function withoutExtraCaCerts(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** How the bench names the second environment in its lines. */
export const WITHOUT_CA_LABEL = 'without NODE_EXTRA_CA_CERTS (node start-up as on a desktop)';
