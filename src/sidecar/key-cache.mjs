// On-disk cache of synthesized proving/verifying keys.
//
// Key synthesis costs as much as proving itself, and Varuna's circuit-specific keys are a
// deterministic function of the program text and function, so a SHA-256 of both is a safe key.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { srsDegreeLog2 } from './circuit-info.mjs';

export function keyId(program, functionName) {
  return crypto.createHash('sha256').update(program).update('\0').update(functionName).digest('hex');
}

export class KeyCache {
  constructor(dir) {
    this.dir = dir;
  }

  files(program, functionName) {
    const base = path.join(this.dir, keyId(program, functionName));
    return { prover: `${base}.prover`, verifier: `${base}.verifier`, info: `${base}.json` };
  }

  /** Returns {provingKeyBytes, verifyingKey (string), info} or null when not cached or unreadable. */
  load(program, functionName) {
    const f = this.files(program, functionName);
    try {
      return {
        provingKeyBytes: new Uint8Array(fs.readFileSync(f.prover)),
        verifyingKey: fs.readFileSync(f.verifier, 'utf8'),
        info: withoutName(JSON.parse(fs.readFileSync(f.info, 'utf8'))),
      };
    } catch {
      return null;
    }
  }

  /** Stores the keys; the info file is written last, so it marks a complete entry. */
  store(program, functionName, provingKeyBytes, verifyingKey, info) {
    const f = this.files(program, functionName);
    fs.mkdirSync(this.dir, { recursive: true });
    writeAtomically(f.prover, provingKeyBytes);
    writeAtomically(f.verifier, verifyingKey);
    writeAtomically(f.info, JSON.stringify({ functionName, ...info }, null, 2));
  }
}

/**
 * The info file names its function for people browsing the cache; callers get the circuit only,
 * with the SRS degree recomputed (entries written before the max_degree rule hold an estimate).
 */
function withoutName({ functionName, ...circuit }) {
  return { ...circuit, srsDegreeLog2: srsDegreeLog2(circuit) };
}

function writeAtomically(file, data) {
  const partial = `${file}.${process.pid}.part`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}
