// snarkVM sidecar of zkML Workbench.
//
// Protocol: one JSON request per line on stdin, one JSON message per line on stdout
// (responses and progress messages; see docs/SIDECAR.md). Requests run one at a time, in order,
// because the WASM prover holds all cores and big keys in one memory; nothing else may reach
// stdout, so every console method and the SDK's workers are sent to stderr.

import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import { createParamsXhr, MissingParameterError, CorruptParameterError } from './params-xhr.mjs';
import { KeyCache } from './key-cache.mjs';
import { circuitInfo } from './circuit-info.mjs';

// Heartbeat: a line on stderr every ZKML_HEARTBEAT_MS from its own thread, written straight to
// file descriptor 2, so it keeps coming while snarkVM holds the main thread for minutes. The
// client kills a sidecar that stays silent (stopped with SIGSTOP, or hung) instead of waiting forever.
const heartbeatMs = Number(process.env.ZKML_HEARTBEAT_MS) || 10_000;
new Worker(`const fs = require('node:fs');
setInterval(() => { try { fs.writeSync(2, '[heartbeat]\\n'); } catch {} }, ${heartbeatMs});`, { eval: true }).unref();

const protocolOut = process.stdout.write.bind(process.stdout);
const toStderr = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');
// Workers' stdout is piped through process.stdout.write, so replacing it covers them too.
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
for (const method of ['log', 'info', 'debug', 'warn', 'trace']) console[method] = toStderr;

const home = os.homedir();
const paramsDir = process.env.ZKML_PARAMS_DIR || path.join(home, '.zkml-workbench', 'params');
const defaultKeyCacheDir = process.env.ZKML_KEY_CACHE || path.join(home, '.zkml-workbench', 'keys');
const keyCacheMaxBytes = Number(process.env.ZKML_KEY_CACHE_MAX_BYTES) || 4096 * 1048576;
const threads = Number(process.env.ZKML_THREADS) || os.availableParallelism();
// Offline executions must name a block height and a non-zero, well-formed state root. The height
// selects snarkVM's consensus rules; a height past every known upgrade gives the current rules.
const DEFAULT_BLOCK_HEIGHT = Number(process.env.ZKML_BLOCK_HEIGHT) || 20_000_000;
const OFFLINE_STATE_ROOT = 'sr1qyqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqquwxeur';

let current = null; // the request being processed: {id, op}
const requestedParameters = [];
let lastMissingParameter = null;

function send(message) {
  protocolOut(JSON.stringify(message) + '\n');
}

function progress(stage, message, fraction = null) {
  if (current) send({ id: current.id, type: 'progress', stage, message, fraction });
}

globalThis.XMLHttpRequest = createParamsXhr(paramsDir, {
  onRequest(url, source) {
    requestedParameters.push({ url, source });
    toStderr(`[params] ${source}: ${url}`);
  },
  // snarkVM turns the XHR failure into a generic message; keep ours to report instead.
  onMissing(error) {
    lastMissingParameter = error;
  },
  onDownload(name, size) {
    progress('download', `downloading ${name}${size ? ` (${(size / 1048576).toFixed(0)} MiB)` : ''} into ${paramsDir}`);
  },
});

// A Rust panic or an integer overflow in the circuit aborts the WASM instance ("unreachable")
// outside any promise chain. The instance is unusable afterwards, so answer the request in
// flight and exit; the client starts a fresh sidecar for the next request.
process.on('uncaughtException', (error) => {
  const message = errorText(error);
  toStderr(`[fatal] ${error?.stack ?? message}`);
  if (current) {
    // A WASM trap ("unreachable") is how snarkVM's Rust panics end, and an integer overflow in
    // the program is the panic a generated program can cause; any other error is named as it is.
    const trap = error instanceof WebAssembly.RuntimeError || /unreachable|overflow/i.test(message);
    send({ id: current.id, ok: false, error: {
      code: 'WASM_ABORTED',
      message: `snarkVM aborted while running '${current.op}' (${message})`
        + (trap ? '; likely cause: integer overflow in the program' : '')
        + '. The sidecar restarts for the next request.',
    } });
  }
  process.exit(70);
});

const sdk = await import('@provablehq/sdk/mainnet.js');
const {
  ProgramManagerBase, PrivateKey, OfflineQuery, QueryOption, Program, ProvingKey, VerifyingKey,
  Plaintext, verifyFunctionExecution, initThreadPool, ProgramImportsBuilder,
} = sdk;
const sdkVersion = JSON.parse(fs.readFileSync(new URL('./node_modules/@provablehq/sdk/package.json', import.meta.url), 'utf8')).version;

let threadPool = 'single-threaded';
if (threads > 1) {
  try {
    await initThreadPool(threads);
    threadPool = `${threads} threads`;
  } catch (e) {
    toStderr(`[warn] thread pool unavailable, proving single-threaded: ${errorText(e)}`);
  }
}
// The caller's identity does not matter for a local proof; one throwaway key per process.
const privateKey = new PrivateKey();

class RequestError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function errorText(e) {
  if (typeof e === 'string') return e;
  return e?.message ?? String(e);
}

function requireString(request, field) {
  const value = request[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new RequestError('BAD_REQUEST', `'${request.op}' needs a non-empty string field '${field}'`);
  }
  return value;
}

function requireInputs(request) {
  const inputs = request.inputs ?? [];
  if (!Array.isArray(inputs) || inputs.some((v) => typeof v !== 'string')) {
    throw new RequestError('BAD_REQUEST', `'inputs' must be an array of Aleo literal strings, e.g. ["[1i32, 2i32, 3i32, 4i32]"]`);
  }
  return inputs;
}

function offlineQuery(blockHeight) {
  // A query object is consumed by the call that receives it, so each call gets a new one.
  return QueryOption.offlineQuery(new OfflineQuery(blockHeight, OFFLINE_STATE_ROOT));
}

function blockHeightOf(request) {
  return Number.isInteger(request.blockHeight) ? request.blockHeight : DEFAULT_BLOCK_HEIGHT;
}

/** Turns an SDK failure into a RequestError, naming a missing SRS file when that was the cause. */
function executionFailure(what, e) {
  if (lastMissingParameter) {
    const missing = lastMissingParameter;
    lastMissingParameter = null;
    return new RequestError(missing.code ?? 'MISSING_PARAMETER', missing.message);
  }
  return new RequestError('EXECUTION_FAILED', `${what} failed: ${errorText(e)}`);
}

async function runOffline(request, { prove, keys }) {
  const program = requireString(request, 'program');
  const fn = requireString(request, 'function');
  const inputs = requireInputs(request);
  lastMissingParameter = null;
  try {
    return await ProgramManagerBase.executeFunctionOffline(
      privateKey, program, fn, inputs, prove, keys == null,
      null, keys?.provingKey ?? null, keys?.verifyingKey ?? null, null, offlineQuery(blockHeightOf(request)));
  } catch (e) {
    throw executionFailure(prove ? `proving ${fn}` : `executing ${fn}`, e);
  }
}

function keyCacheOf(request) {
  return new KeyCache(typeof request.keyCacheDir === 'string' ? request.keyCacheDir : defaultKeyCacheDir, keyCacheMaxBytes);
}

/** Keys for a request: from the cache, or synthesized now (which also executes the function). */
async function obtainKeys(request) {
  const cache = keyCacheOf(request);
  const cached = cache.load(request.program, request.function, (note) => {
    toStderr(`[keys] ${note}`);
    progress('synthesis', note);
  });
  if (cached) {
    return { cached: true, info: cached.info, verifyingKeyString: cached.verifyingKey,
      provingKeyBytes: cached.provingKeyBytes, response: null, synthesisMs: 0 };
  }
  progress('synthesis', `synthesizing keys for ${request.function}`, 0);
  const started = Date.now();
  const response = await runOffline(request, { prove: false, keys: null });
  const synthesisMs = Date.now() - started;
  // getKeys() hands over the WASM objects, so it is called exactly once.
  const keys = response.getKeys();
  const verifyingKey = keys.verifyingKey();
  const info = circuitInfo(verifyingKey.toBytes());
  const verifyingKeyString = verifyingKey.toString();
  const provingKeyBytes = keys.provingKey().toBytes();
  try {
    const evicted = cache.store(request.program, request.function, provingKeyBytes, verifyingKeyString, info);
    if (evicted.length > 0) {
      progress('synthesis', `key cache over its ${(cache.maxBytes / 1048576).toFixed(0)} MiB limit: removed ${evicted.length} least recently used entr${evicted.length === 1 ? 'y' : 'ies'}`);
    }
  } catch (e) {
    const note = `the key cache ${cache.dir} cannot be written (${errorText(e)}): these keys will be synthesized again next time`;
    toStderr(`[warn] ${note}`);
    progress('synthesis', note);
  }
  progress('synthesis', `synthesized ${info.constraints} constraints`, 1);
  return { cached: false, info, verifyingKeyString, provingKeyBytes, response, synthesisMs };
}

// ---- Program chains (issue #13), kept apart from the single-program ops to ease merging ----

/** {id, source} programs a chain's entry imports, callees first (the order snarkVM adds them in). */
function requireImports(request) {
  const imports = request.imports ?? [];
  if (!Array.isArray(imports) || imports.some((p) => typeof p?.id !== 'string' || typeof p?.source !== 'string')) {
    throw new RequestError('BAD_REQUEST', `'imports' must be an array of {id, source}, callees first`);
  }
  return imports;
}

/**
 * Synthesizes every transition of one execution of a program chain (entry and imported programs),
 * without storing keys: the circuit of each transition, read from its verifying key. A measuring
 * op (calibration and exactness tests), so nothing is cached.
 */
async function synthesizeChain(request) {
  const program = requireString(request, 'program');
  const fn = requireString(request, 'function');
  const inputs = requireInputs(request);
  const imports = requireImports(request);
  const builder = new ProgramImportsBuilder();
  for (const p of imports) builder.addProgram(p.id, p.source);
  progress('synthesis', `synthesizing keys for a chain of ${imports.length + 1} programs`, 0);
  const started = Date.now();
  let response;
  try {
    response = await ProgramManagerBase.executeFunctionOffline(privateKey, program, fn, inputs, false, true,
      null, null, null, null, offlineQuery(blockHeightOf(request)), null, builder);
  } catch (e) {
    throw executionFailure(`executing the chain from ${fn}`, e);
  }
  const entryId = /program\s+([a-z0-9_]+\.aleo)\s*;/.exec(program)?.[1] ?? 'entry';
  const transitions = [];
  const keys = response.getKeys();
  transitions.push({ program: entryId, function: fn, circuit: circuitInfo(keys.verifyingKey().toBytes()) });
  // The imports builder is handed over to snarkVM (its handle is spent), so the imported functions'
  // circuits are measured by synthesizing them on their own (a callee costs like any function).
  let fees = null;
  if (request.fees === true) {
    const object = Object.fromEntries(imports.map((p) => [p.id, p.source]));
    fees = { executionMicrocredits: String(ProgramManagerBase.estimateExecutionFee(program, fn, object)) };
  }
  progress('synthesis', `synthesized ${transitions.length} transitions`, 1);
  return { outputs: response.getOutputs().map(String), transitions, fees,
    timings: { synthesisMs: Date.now() - started } };
}

const ops = {
  synthesizeChain,
  async ping() {
    return {
      sdkVersion, nodeVersion: process.versions.node, network: 'mainnet', threads: threadPool,
      paramsDir, keyCacheDir: defaultKeyCacheDir,
      requestedParameters: requestedParameters.map((p) => `${p.source} ${p.url}`),
    };
  },

  async execute(request) {
    const started = Date.now();
    const keys = await obtainKeys(request);
    let response = keys.response;
    if (!response) {
      response = await runOffline(request, { prove: false, keys: wasmKeys(keys) });
    }
    return { outputs: response.getOutputs().map(String), circuit: keys.info, keysFromCache: keys.cached,
      timings: { totalMs: Date.now() - started, synthesisMs: keys.synthesisMs } };
  },

  async synthesize(request) {
    const keys = await obtainKeys(request);
    return { circuit: keys.info, verifyingKey: keys.verifyingKeyString, keysFromCache: keys.cached,
      keyFile: keyCacheOf(request).files(request.program, request.function).prover,
      timings: { synthesisMs: keys.synthesisMs } };
  },

  // The verifying key of a program, synthesized now and not stored: checking an untrusted bundle's
  // key must not fill the key cache with its 27 MB proving key. The caller records what it needs.
  async deriveVerifyingKey(request) {
    requireString(request, 'program');
    const fn = requireString(request, 'function');
    progress('synthesis', `synthesizing the verifying key of ${fn} (not cached)`, 0);
    const started = Date.now();
    const response = await runOffline(request, { prove: false, keys: null });
    const keys = response.getKeys();
    const verifyingKey = keys.verifyingKey();
    const info = circuitInfo(verifyingKey.toBytes());
    const verifyingKeyString = verifyingKey.toString();
    for (const k of [keys.provingKey(), verifyingKey]) {
      try { k.free?.(); } catch { /* already released */ }
    }
    progress('synthesis', `synthesized ${info.constraints} constraints`, 1);
    return { circuit: info, verifyingKey: verifyingKeyString, keysFromCache: false,
      timings: { synthesisMs: Date.now() - started } };
  },

  async prove(request) {
    const keys = await obtainKeys(request);
    progress('proving', `proving ${request.function}`, 0);
    const started = Date.now();
    const response = await runOffline(request, { prove: true, keys: wasmKeys(keys) });
    const provingMs = Date.now() - started;
    progress('proving', 'proof created', 1);
    const execution = response.getExecution();
    if (!execution) throw new RequestError('EXECUTION_FAILED', 'snarkVM returned no execution for the proof');
    return {
      outputs: response.getOutputs().map(String), execution: execution.toString(),
      verifyingKey: keys.verifyingKeyString, circuit: keys.info, keysFromCache: keys.cached,
      timings: { synthesisMs: keys.synthesisMs, provingMs },
    };
  },

  async verify(request) {
    const program = requireString(request, 'program');
    const fn = requireString(request, 'function');
    const executionText = requireString(request, 'execution');
    const verifyingKeyText = requireString(request, 'verifyingKey');
    progress('verifying', `verifying ${fn}`, 0);
    lastMissingParameter = null;
    // Each parse is separate so the reason names what is malformed.
    const parse = (what, f) => {
      try {
        return f();
      } catch (e) {
        throw new Invalid(`${what} is malformed: ${errorText(e)}`);
      }
    };
    lastMissingParameter = null;
    try {
      const parsedProgram = parse('the program', () => Program.fromString(program));
      const verifyingKey = parse('the verifying key', () => VerifyingKey.fromString(verifyingKeyText));
      const execution = parse('the execution', () => sdk.FunctionExecution.fromString(executionText));
      checkExecutionNamesFunction(executionText, program, fn);
      // snarkVM checks the proof against the verifying key only; the program text does not bind
      // the key (measured: a proof verified with another program's text). So when this machine
      // synthesized keys for the program, the key must be exactly those.
      // keyBound: the caller has already tied the key to the program (and may know the cache
      // entry is damaged), so the cache is not consulted again.
      const cached = request.keyBound === true ? null : keyCacheOf(request).load(program, fn);
      if (cached && cached.verifyingKey !== verifyingKeyText) {
        throw new Invalid(`the verifying key is not the one synthesized for this program's ${fn}`);
      }
      const valid = verifyFunctionExecution(execution, verifyingKey, parsedProgram, fn, null, null, blockHeightOf(request));
      if (!valid && lastMissingParameter) throw new Error('an SRS parameter file is missing');
      progress('verifying', valid ? 'proof valid' : 'proof invalid', 1);
      return {
        valid, verifyingKeyCheckedAgainstProgram: cached != null,
        reason: valid ? 'the proof verifies against the verifying key and the execution'
          : 'the proof does not verify against this verifying key, program and public values',
      };
    } catch (e) {
      // A damaged or missing SRS file is this machine's problem, not a verdict on the proof.
      if (lastMissingParameter) throw executionFailure(`verifying ${fn}`, e);
      const reason = e instanceof Invalid ? e.message : `verification rejected the execution: ${errorText(e)}`;
      return { valid: false, reason };
    }
  },

  async hash(request) {
    const algorithm = requireString(request, 'algorithm').toLowerCase();
    const input = requireString(request, 'input');
    const outputType = request.outputType ?? 'field';
    const hasher = HASHERS[algorithm];
    if (!hasher) {
      throw new RequestError('BAD_REQUEST', `unknown hash algorithm '${algorithm}'; known: ${Object.keys(HASHERS).join(', ')}`);
    }
    let plaintext;
    try {
      plaintext = Plaintext.fromString(input);
    } catch (e) {
      throw new RequestError('BAD_REQUEST', `'${input}' is not an Aleo literal, array or struct: ${errorText(e)}`);
    }
    // As snarkVM's hash instruction: Poseidon hashes the value's field elements, BHP and
    // Pedersen hash its little-endian bits.
    const preimage = hasher.usesFields ? plaintext.toFields() : plaintext.toBitsLe();
    const instance = new hasher.Class();
    const method = { field: 'hash', group: 'hashToGroup', scalar: 'hashToScalar' }[outputType];
    if (!method || typeof instance[method] !== 'function') {
      throw new RequestError('BAD_REQUEST', `hash.${algorithm} cannot produce '${outputType}' here; use field or group`);
    }
    try {
      return { hash: instance[method](preimage).toString(), algorithm, outputType };
    } catch (e) {
      throw new RequestError('BAD_REQUEST', `hash.${algorithm} of ${input} failed: ${errorText(e)}`);
    }
  },

  async shutdown() {
    setImmediate(() => process.exit(0));
    return { bye: true };
  },
};

class Invalid extends Error {}

/** The execution's transition must be of this program and function, or it proves something else. */
function checkExecutionNamesFunction(executionText, program, fn) {
  const programId = /^\s*program\s+([A-Za-z0-9_]+\.aleo)\s*;/m.exec(program)?.[1];
  let transitions;
  try {
    transitions = JSON.parse(executionText).transitions;
  } catch (e) {
    throw new Invalid(`the execution is malformed: ${errorText(e)}`);
  }
  const last = Array.isArray(transitions) ? transitions[transitions.length - 1] : null;
  if (!last || last.program !== programId || last.function !== fn) {
    throw new Invalid(`the execution is of ${last?.program}/${last?.function}, not ${programId}/${fn}`);
  }
}

const HASHERS = {
  psd2: { Class: sdk.Poseidon2, usesFields: true },
  psd4: { Class: sdk.Poseidon4, usesFields: true },
  psd8: { Class: sdk.Poseidon8, usesFields: true },
  bhp256: { Class: sdk.BHP256, usesFields: false },
  bhp512: { Class: sdk.BHP512, usesFields: false },
  bhp768: { Class: sdk.BHP768, usesFields: false },
  bhp1024: { Class: sdk.BHP1024, usesFields: false },
  ped64: { Class: sdk.Pedersen64, usesFields: false },
  ped128: { Class: sdk.Pedersen128, usesFields: false },
};

function wasmKeys(keys) {
  return {
    provingKey: ProvingKey.fromBytes(keys.provingKeyBytes),
    verifyingKey: VerifyingKey.fromString(keys.verifyingKeyString),
  };
}

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    send({ id: null, ok: false, error: { code: 'BAD_REQUEST', message: `request is not JSON: ${errorText(e)}` } });
    return;
  }
  const id = request?.id ?? null;
  const op = ops[request?.op];
  if (typeof request !== 'object' || request === null || !op || !Object.hasOwn(ops, request.op)) {
    send({ id, ok: false, error: { code: 'UNKNOWN_OP', message: `unknown op '${request?.op}'; known: ${Object.keys(ops).join(', ')}` } });
    return;
  }
  current = { id, op: request.op };
  try {
    const result = await op(request);
    send({ id, ok: true, result });
  } catch (e) {
    const code = e instanceof RequestError || e instanceof MissingParameterError || e instanceof CorruptParameterError
      ? e.code : 'INTERNAL';
    send({ id, ok: false, error: { code, message: errorText(e) } });
  } finally {
    current = null;
  }
}

let queue = Promise.resolve();
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (line) => {
  if (line.trim() === '') return;
  queue = queue.then(() => handle(line));
});
// The client going away (stdin closed) ends the sidecar at once.
// Nobody can read the answer of work still running, so do not finish it for nobody.
input.on('close', () => process.exit(0));
toStderr(`[sidecar] ready: sdk ${sdkVersion}, node ${process.versions.node}, ${threadPool}, params ${paramsDir}`);
