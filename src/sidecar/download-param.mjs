// Downloads one SRS parameter file and writes its bytes to stdout.
// Runs as a child process so that params-xhr.mjs can wait for it synchronously.

const url = process.argv[2];
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(20 * 60 * 1000) });
  if (!response.ok) {
    process.stderr.write(`${url} answered HTTP ${response.status}`);
    process.exit(2);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  process.stdout.write(bytes, () => process.exit(0));
} catch (e) {
  process.stderr.write(`${url} is unreachable (${e.cause?.code ?? e.cause?.message ?? e.message})`);
  process.exit(3);
}
