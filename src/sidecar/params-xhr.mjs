// Serves snarkVM's universal SRS files from a local cache directory.
//
// snarkVM (compiled to WASM) loads SRS powers lazily with a *synchronous* XMLHttpRequest,
// overriding the MIME type to "octet/binary; charset=ISO-8859-5" and reading `responseText`,
// which it re-encodes as ISO-8859-5 to get the bytes back. Replacing the XMLHttpRequest global
// before the SDK loads lets us answer those requests from disk (offline use, no repeated
// downloads) and download a missing file into the cache exactly once when a network is there.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DOWNLOADER = fileURLToPath(new URL('./download-param.mjs', import.meta.url));
// ISO-8859-5 maps every byte to one code point, so decoding is lossless for snarkVM's re-encoding.
const ISO_8859_5 = new TextDecoder('iso-8859-5');

export class MissingParameterError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MissingParameterError';
    this.code = 'MISSING_PARAMETER';
  }
}

/** A cached parameter file whose bytes do not match its checksum; snarkVM must never load it. */
export class CorruptParameterError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CorruptParameterError';
    this.code = 'CORRUPT_PARAMETER';
  }
}

/** Parses ".../powers-of-beta-16.usrs.84631bc" into its parts; null for non-parameter URLs. */
export function parseParameterUrl(url) {
  const file = url.split('?')[0].split('/').pop();
  const match = /^(.+?\.usrs)\.([0-9a-f]{7})$/.exec(file) ?? /^(.+?\.[a-z]+)$/.exec(file);
  if (!match) return null;
  const name = match[1];
  const degree = /-(\d+)\.usrs$/.exec(name);
  return { name, checksumPrefix: match[2] ?? null, degree: degree ? Number(degree[1]) : null };
}

function readMetadata(dir, name) {
  const file = path.join(dir, name.replace(/\.usrs$/, '.metadata'));
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function describeSize(bytes) {
  return bytes == null ? 'size unknown' : `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
}

/**
 * Creates the XMLHttpRequest replacement bound to one parameter directory.
 * `hooks.onRequest(url, source)` sees every URL snarkVM asks for (source: cache|download|missing|passthrough),
 * `hooks.onDownload(name, bytes)` reports downloads so the caller can show progress,
 * `hooks.onMissing(error)` sees the error for a file neither cached nor downloadable.
 */
export function createParamsXhr(paramsDir, hooks = {}) {
  const onRequest = hooks.onRequest ?? (() => {});
  const onDownload = hooks.onDownload ?? (() => {});
  const onMissing = hooks.onMissing ?? (() => {});
  // Files already checked by this process, by path, with the size and mtime they had then.
  const verified = new Map();

  /**
   * The cached file's bytes, after checking them against the checksum in snarkVM's own URL (the
   * first 7 hex digits, compiled into snarkVM) and the full SHA-256 and size in the metadata beside
   * the file. A damaged or replaced file is refused with its name and the fix.
   */
  function readVerified(cached, param, metadata) {
    const stat = fs.statSync(cached);
    const seen = verified.get(cached);
    const bytes = fs.readFileSync(cached);
    if (seen && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs) return bytes;
    const digest = sha256(bytes);
    let problem = null;
    if (param.checksumPrefix && !digest.startsWith(param.checksumPrefix)) {
      problem = `its SHA-256 ${digest} does not start with ${param.checksumPrefix}, the checksum snarkVM expects`;
    } else if (metadata && (bytes.length !== metadata.size || digest !== metadata.checksum)) {
      problem = `it has ${bytes.length} bytes with SHA-256 ${digest}, but its metadata says ${metadata.size} bytes with ${metadata.checksum}`;
    }
    if (problem) {
      const error = new CorruptParameterError(`the parameter file ${cached} is damaged: ${problem}. `
        + `Delete it (it is downloaded again on the next proof when this machine is online), `
        + `or copy an intact ${param.name} from another installation's parameter cache into ${paramsDir}`);
      onMissing(error);
      throw error;
    }
    verified.set(cached, { size: stat.size, mtimeMs: stat.mtimeMs });
    return bytes;
  }

  function load(url) {
    const param = parseParameterUrl(url);
    if (!param) {
      onRequest(url, 'unsupported');
      throw new Error(`the snarkVM sidecar only serves SRS parameter files, not ${url}`);
    }
    const cached = path.join(paramsDir, param.name);
    const metadata = readMetadata(paramsDir, param.name);
    if (fs.existsSync(cached)) {
      onRequest(url, 'cache');
      return readVerified(cached, param, metadata);
    }
    const needs = param.degree != null && /powers-of-beta/.test(param.name)
      // snarkVM asks for the powers of each degree in turn up to its circuit's, so this is a lower bound.
      ? `; this circuit needs SRS degree 2^${param.degree} or more` : '';
    let reason;
    try {
      onDownload(param.name, metadata?.size ?? null);
      fs.mkdirSync(paramsDir, { recursive: true });
      // A child process keeps the download synchronous, as snarkVM's caller requires.
      const bytes = execFileSync(process.execPath, [DOWNLOADER, url], {
        maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60 * 1000,
      });
      const digest = sha256(bytes);
      if (metadata && (bytes.length !== metadata.size || digest !== metadata.checksum)) {
        throw new Error(`downloaded ${bytes.length} bytes with SHA-256 ${digest}, expected ${metadata.size} bytes with ${metadata.checksum}`);
      }
      if (!metadata && param.checksumPrefix && !digest.startsWith(param.checksumPrefix)) {
        throw new Error(`downloaded file has SHA-256 ${digest}, which does not match ${param.checksumPrefix}`);
      }
      // Write then rename, so an interrupted download never leaves a truncated cache file.
      const partial = `${cached}.${process.pid}.part`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, cached);
      onRequest(url, 'download');
      return bytes;
    } catch (e) {
      reason = (e.stderr && e.stderr.toString().trim()) || e.message;
    }
    onRequest(url, 'missing');
    const error = new MissingParameterError(
      `parameter ${param.name} (${describeSize(metadata?.size)}) is not in the cache ${paramsDir} and cannot be downloaded: ${reason}${needs}`);
    onMissing(error);
    throw error;
  }

  return class ParamsXMLHttpRequest {
    constructor() {
      this.readyState = 0;
      this.status = 0;
      this.statusText = '';
      this.responseText = '';
      this.response = null;
      this.responseType = '';
      this._url = null;
      this._mime = null;
    }
    open(method, url, async = true) {
      if (async !== false) throw new Error('the snarkVM sidecar only supports synchronous parameter requests');
      this._url = url;
      this.readyState = 1;
    }
    overrideMimeType(mime) { this._mime = mime; }
    setRequestHeader() {}
    getAllResponseHeaders() { return ''; }
    getResponseHeader() { return null; }
    abort() {}
    send() {
      const bytes = load(this._url);
      this.status = 200;
      this.statusText = 'OK';
      this.readyState = 4;
      if (this.responseType === 'arraybuffer') {
        this.response = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      } else {
        this.responseText = ISO_8859_5.decode(bytes);
        this.response = this.responseText;
      }
    }
  };
}
