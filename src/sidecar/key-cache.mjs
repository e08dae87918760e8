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
// touched on every use), after each store and when a sidecar starts (trim).
//
// Several sidecars may share one cache at the same time (the test runs of two checkouts, the app
// beside the CLI), so no step may assume it is alone: each file is written to a temp name unique
// to the writer and renamed into place (a reader sees the old file or the new one, never half of
// one); the marker is renamed last, so a reader never takes an entry whose files are still being
// written; a file that vanishes under a reader (another sidecar evicted or discarded the entry)
// is a cache miss, not damage; and eviction leaves alone the unmarked files of a write that may
// still be under way. Keys are a deterministic function of the program text and function
// (SidecarClientTest compares a rebuilt proving key byte for byte), so two writers of one entry
// write the same bytes and a reader mixing their files still sees matching checksums.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { srsDegreeLog2 } from './circuit-info.mjs';

export const DEFAULT_MAX_BYTES = 4096 * 1048576;
/**
 * How old the unmarked files of an entry (no .json) or a writer's temp file must be before they
 * are taken for the leftovers of a killed writer: a store takes well under a minute even on a
 * loaded machine, so an hour never removes a write in progress.
 */
export const ABANDONED_AFTER_MS = 3600 * 1000;

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
    let entry;
    try {
      const infoText = readIfPresent(f.info, 'utf8');
      if (infoText === null) return null;
      const info = JSON.parse(infoText);
      const prover = readIfPresent(f.prover);
      const verifyingKey = readIfPresent(f.verifier, 'utf8');
      // Removed under us by another sidecar's eviction or discard: a miss, and nothing of ours to delete.
      if (prover === null || verifyingKey === null) return null;
      const provingKeyBytes = new Uint8Array(prover);
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

  /**
   * Removes least recently used entries (never `keep`) until the cache fits its limit, and the
   * leftovers of killed writers (unmarked files and temp files older than ABANDONED_AFTER_MS).
   * Unmarked files younger than that may be a store in progress in another sidecar: they count
   * toward the size but are not removed. Returns the ids of the entries removed.
   */
  evict(keep, now = Date.now()) {
    const entries = new Map();
    for (const name of fs.readdirSync(this.dir)) {
      // Another workbench sharing the cache may remove a file between the listing and here.
      const stat = fs.statSync(path.join(this.dir, name), { throwIfNoEntry: false });
      if (!stat) continue;
      if (/^[0-9a-f]{64}\.(prover|verifier|json)\.[0-9a-z.]+\.part$/.test(name)) {
        if (now - stat.mtimeMs > ABANDONED_AFTER_MS) removeQuietly(path.join(this.dir, name));
        continue;
      }
      const m = /^([0-9a-f]{64})\.(prover|verifier|json)$/.exec(name);
      if (!m) continue;
      const e = entries.get(m[1]) ?? { id: m[1], bytes: 0, used: null, written: 0 };
      e.bytes += stat.size;
      if (m[2] === 'json') e.used = stat.mtimeMs;
      e.written = Math.max(e.written, stat.mtimeMs);
      entries.set(m[1], e);
    }
    const removed = [];
    const remove = (e) => {
      const base = path.join(this.dir, e.id);
      this.discard({ prover: `${base}.prover`, verifier: `${base}.verifier`, info: `${base}.json` });
      removed.push(e.id);
    };
    let total = 0;
    const complete = [];
    for (const e of entries.values()) {
      if (e.used === null && e.id !== keep && now - e.written > ABANDONED_AFTER_MS) {
        remove(e);
      } else {
        total += e.bytes;
        if (e.used !== null) complete.push(e);
      }
    }
    for (const e of complete.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      if (e.id === keep) continue;
      remove(e);
      total -= e.bytes;
    }
    return removed;
  }

  /**
   * Brings the cache within its limit without storing anything: what a sidecar does when it starts,
   * so a cache that only serves (every key already there) still keeps to its limit. A cache that
   * does not exist yet or cannot be listed is left as it is.
   */
  trim() {
    if (!fs.existsSync(this.dir)) return [];
    try {
      return this.evict(null);
    } catch {
      return [];
    }
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

/** The file's bytes (or text), or null when it does not exist; other read errors are thrown. */
function readIfPresent(file, encoding) {
  try {
    return fs.readFileSync(file, encoding);
  } catch (e) {
    if (e?.code === 'ENOENT') return null;
    throw e;
  }
}

function removeQuietly(file) {
  try { fs.rmSync(file, { force: true }); } catch {}
}

function writeAtomically(file, data) {
  // Unique per writer, also across machines or containers sharing the folder (a pid alone is not).
  const partial = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.part`;
  try {
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
  } catch (e) {
    // A full disk must not leave half a key behind to fill it further.
    try { fs.rmSync(partial, { force: true }); } catch {}
    throw e;
  }
}
