// On-disk cache of synthesized proving/verifying keys.
//
// Key synthesis costs as much as proving itself, and Varuna's circuit-specific keys are a
// deterministic function of the program text and function, so a SHA-256 of both is a safe key.
//
// Each entry is three files: <id>.prover (proving key bytes), <id>.verifier (verifying key text)
// and <id>.json (the circuit, plus the SHA-256 of the other two, written last: it marks a
// complete entry). An entry whose files do not match its checksums (a truncated write, a full
// disk, someone's edit) is discarded and synthesized again, never handed to snarkVM. The cache
// is kept under a size limit by removing the least recently used entries (the .json's mtime is
// touched on every use).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { srsDegreeLog2 } from './circuit-info.mjs';

export const DEFAULT_MAX_BYTES = 4096 * 1048576;

export function keyId(program, functionName) {
  return crypto.createHash('sha256').update(program).update('\0').update(functionName).digest('hex');
}

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export class KeyCache {
  constructor(dir, maxBytes = DEFAULT_MAX_BYTES) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  files(program, functionName) {
    const base = path.join(this.dir, keyId(program, functionName));
    return { prover: `${base}.prover`, verifier: `${base}.verifier`, info: `${base}.json` };
  }

  /**
   * Returns {provingKeyBytes, verifyingKey (string), info} or null when not cached. A damaged
   * entry is removed and `onNote` (if given) hears why, so the caller can say it re-synthesizes.
   */
  load(program, functionName, onNote = () => {}) {
    const f = this.files(program, functionName);
    if (!fs.existsSync(f.info)) return null;
    let entry;
    try {
      const info = JSON.parse(fs.readFileSync(f.info, 'utf8'));
      const provingKeyBytes = new Uint8Array(fs.readFileSync(f.prover));
      const verifyingKey = fs.readFileSync(f.verifier, 'utf8');
      if (typeof info.proverSha256 !== 'string' || typeof info.verifierSha256 !== 'string') {
        throw new Error('the entry has no checksums (written by an older version)');
      }
      if (sha256(provingKeyBytes) !== info.proverSha256) {
        throw new Error(`${path.basename(f.prover)} does not match its checksum (${provingKeyBytes.length} bytes; truncated or changed)`);
      }
      if (sha256(verifyingKey) !== info.verifierSha256) {
        throw new Error(`${path.basename(f.verifier)} does not match its checksum`);
      }
      entry = { provingKeyBytes, verifyingKey, info: circuitOf(info) };
    } catch (e) {
      const removed = this.discard(f);
      onNote(`the cached keys for ${functionName} in ${this.dir} are damaged (${e?.message ?? e}); `
        + (removed ? 'discarded them, synthesizing again' : 'they cannot be removed, synthesizing without the cache'));
      return null;
    }
    touch(f.info);
    return entry;
  }

  /**
   * Stores the keys with their checksums, then trims the cache to its limit. Returns the ids of
   * the entries removed to make room; throws when the cache cannot be written.
   */
  store(program, functionName, provingKeyBytes, verifyingKey, info) {
    const f = this.files(program, functionName);
    fs.mkdirSync(this.dir, { recursive: true });
    writeAtomically(f.prover, provingKeyBytes);
    writeAtomically(f.verifier, verifyingKey);
    writeAtomically(f.info, JSON.stringify({
      functionName, ...info, proverSha256: sha256(provingKeyBytes), verifierSha256: sha256(verifyingKey),
    }, null, 2));
    return this.evict(keyId(program, functionName));
  }

  /** Removes least recently used entries (never `keep`) until the cache fits its limit. */
  evict(keep) {
    const entries = new Map();
    for (const name of fs.readdirSync(this.dir)) {
      const m = /^([0-9a-f]{64})\.(prover|verifier|json)$/.exec(name);
      if (!m) continue;
      // Another workbench sharing the cache may remove a file between the listing and here.
      const stat = fs.statSync(path.join(this.dir, name), { throwIfNoEntry: false });
      if (!stat) continue;
      const e = entries.get(m[1]) ?? { id: m[1], bytes: 0, used: 0 };
      e.bytes += stat.size;
      if (m[2] === 'json') e.used = stat.mtimeMs;
      entries.set(m[1], e);
    }
    let total = [...entries.values()].reduce((sum, e) => sum + e.bytes, 0);
    const removed = [];
    for (const e of [...entries.values()].sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      if (e.id === keep) continue;
      const base = path.join(this.dir, e.id);
      this.discard({ prover: `${base}.prover`, verifier: `${base}.verifier`, info: `${base}.json` });
      total -= e.bytes;
      removed.push(e.id);
    }
    return removed;
  }

  /** Deletes an entry's files, the marker first; false when the cache is read-only. */
  discard(f) {
    let ok = true;
    for (const file of [f.info, f.prover, f.verifier]) {
      try {
        fs.rmSync(file, { force: true });
      } catch {
        ok = false;
      }
    }
    return ok;
  }
}

/**
 * The info file names its function and checksums for people browsing the cache; callers get the
 * circuit only, with the SRS degree recomputed (entries written before the max_degree rule hold an estimate).
 */
function circuitOf({ functionName, proverSha256, verifierSha256, ...circuit }) {
  return { ...circuit, srsDegreeLog2: srsDegreeLog2(circuit) };
}

function touch(file) {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves its entries; only the eviction order suffers.
  }
}

function writeAtomically(file, data) {
  const partial = `${file}.${process.pid}.part`;
  try {
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
  } catch (e) {
    // A full disk must not leave half a key behind to fill it further.
    try { fs.rmSync(partial, { force: true }); } catch {}
    throw e;
  }
}
