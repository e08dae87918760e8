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
import {
  ChainError, parseChain, expectedTransitions, keyMaterial, transitionsOf, sameTransitions, describe,
  importsOf as importsOfSource, programIdOf,
} from './chain.mjs';

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
{
  // A cache that only serves (every key already there) stores nothing, so the limit is also kept
  // here, once per start; a long-lived shared cache (the tests' one in ~/.cache) needs no cleaning by hand.
  const trimmed = new KeyCache(defaultKeyCacheDir, keyCacheMaxBytes).trim();
  if (trimmed.length > 0) {
    toStderr(`[keys] ${defaultKeyCacheDir} over its ${(keyCacheMaxBytes / 1048576).toFixed(0)} MiB limit or holding abandoned writes: removed ${trimmed.length} entr${trimmed.length === 1 ? 'y' : 'ies'}`);
  }
}
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
/** The smallest program there is to authorize: what warmUp runs once to build snarkVM's constants. */
const WARM_UP_PROGRAM = 'program warm_up.aleo;\n\nfunction main:\n    input r0 as u8.public;\n    add r0 1u8 into r1;\n    output r1 as u8.public;\n';
let warmedUp = false;

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

/**
 * Runs f while the SDK's one network question, the latest block height (estimateDeploymentFee asks it to
 * pick the consensus rules), is answered locally with `height`, as offline executions name theirs; any
 * other request fails as offline. fetch is restored afterwards.
 */
async function offlineHeight(height, f) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input) => {
    const url = typeof input === 'string' ? input : input?.url;
    if (typeof url === 'string' && /\/block\/height\/latest$/.test(url)) {
      const response = new Response(String(height), { status: 200, headers: { 'content-type': 'application/json' } });
      // The SDK's HTTP client parses the response's URL, which a constructed Response leaves empty.
      Object.defineProperty(response, 'url', { value: url });
      return response;
    }
    throw new Error(`the sidecar works offline; the SDK asked for ${url}`);
  };
  try {
    return await f();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** A chain entry's imports ({"m_s1.aleo": source}), checked; null when there are none. */
function importsOf(request) {
  const imports = request.imports ?? null;
  if (imports !== null && (typeof imports !== 'object' || Array.isArray(imports)
      || Object.values(imports).some((v) => typeof v !== 'string'))) {
    throw new RequestError('BAD_REQUEST', `'imports' must map program ids to program sources, e.g. {"m_s1.aleo": "program m_s1.aleo; ..."}`);
  }
  return imports;
}

/** The entry transition's outputs in an authorization, as Aleo literals (public and constant ones only). */
function plainOutputs(authorization, fn, imports) {
  const transitions = JSON.parse(authorization.toString()).transitions;
  const imported = new Set(Object.keys(imports ?? {}));
  const entry = transitions.find((t) => !imported.has(t.program) && t.function === fn)
    ?? transitions[transitions.length - 1];
  const outputs = entry.outputs ?? [];
  // A private output is a ciphertext in the authorization; only public and constant ones are plain.
  const hidden = outputs.find((o) => o.type !== 'public' && o.type !== 'constant');
  if (hidden) {
    throw new RequestError('BAD_REQUEST', `only public and constant outputs can be evaluated; ${fn} has a ${hidden.type} output (use execute)`);
  }
  return outputs.map((o) => o.value);
}

/**
 * The program and its imports parsed once into one snarkVM process (a ProgramImportsBuilder), dependencies
 * first, for evaluateRows to reuse on every row: otherwise each row parses and type-checks every program
 * again, which is most of a row's time for big programs (wine-mlp 0.46 s a row, 0.12-0.16 s reusing the
 * process; fashion-cnn's three 100,000-character programs about 5 s a row). null when the programs cannot
 * be ordered or loaded so; the caller then passes the sources on every row, which reports the error itself.
 */
function loadedPrograms(program, imports) {
  const programs = new Map(Object.entries(imports ?? {}));
  const entryId = programIdOf(program);
  if (!entryId) return null;
  programs.set(entryId, program);
  try {
    const builder = new ProgramImportsBuilder();
    const added = new Set();
    while (added.size < programs.size) {
      const ready = [...programs].find(([id, source]) => !added.has(id)
        && importsOfSource(source).every((d) => added.has(d) || !programs.has(d)));
      if (!ready) return null;
      builder.addProgram(ready[0], ready[1]);
      added.add(ready[0]);
    }
    return builder;
  } catch (e) {
    toStderr(`[evaluateRows] programs not loaded once (${errorText(e)}); passing them on every row`);
    return null;
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

const ops = {
  async ping() {
    return {
      sdkVersion, nodeVersion: process.versions.node, network: 'mainnet', threads: threadPool,
      paramsDir, keyCacheDir: defaultKeyCacheDir,
      requestedParameters: requestedParameters.map((p) => `${p.source} ${p.url}`),
    };
  },

  // snarkVM builds its circuit constants on a process's first authorization, whatever the program:
  // measured 3.7 s of iris-tiny's first 4.1 s (the next took 0.4 s; the same after this warm-up). A
  // client that knows real work follows asks for this first, so that the cost overlaps with its own
  // preparation (the CLI compiling the model, the Prove tab waiting for a click). Once per process.
  async warmUp() {
    const started = Date.now();
    const first = !warmedUp;
    if (first) {
      try {
        await ProgramManagerBase.authorize(privateKey, WARM_UP_PROGRAM, 'main', ['1u8'], null);
      } catch (e) {
        throw executionFailure('warming up', e);
      }
      warmedUp = true;
    }
    return { warmed: first, timings: { totalMs: Date.now() - started } };
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

  // Outputs without keys: snarkVM's authorization runs the function's circuit to fill in the
  // transition, but synthesizes no keys (about a second instead of tens of seconds per program).
  // It neither checks that the circuit is satisfied nor evaluates the instructions outside the
  // circuit, so an integer overflow wraps instead of aborting: good for comparing outputs of rows
  // known to be in range, not for proving that a row runs (use execute for that).
  async evaluate(request) {
    const program = requireString(request, 'program');
    const fn = requireString(request, 'function');
    const inputs = requireInputs(request);
    const imports = importsOf(request);
    const started = Date.now();
    lastMissingParameter = null;
    let authorization;
    try {
      authorization = await ProgramManagerBase.authorize(privateKey, program, fn, inputs, imports);
    } catch (e) {
      throw executionFailure(`evaluating ${fn}`, e);
    }
    return { outputs: plainOutputs(authorization, fn, imports), timings: { totalMs: Date.now() - started } };
  },

  // Many rows' outputs, fast: snarkVM's unchecked authorization evaluates the function in plain
  // (console) arithmetic, without building the circuit or synthesizing keys (measured on iris-tiny:
  // 0.16-0.26 s a row warm, against 0.8 s for evaluate's circuit run). Console arithmetic is checked,
  // so an overflowing row aborts the WASM instance (WASM_ABORTED) instead of wrapping; the circuit
  // itself is neither built nor checked: this answers "which outputs", execute answers "does it prove".
  async evaluateRows(request) {
    const program = requireString(request, 'program');
    const fn = requireString(request, 'function');
    const rows = request.rows;
    if (!Array.isArray(rows) || rows.length === 0
        || rows.some((r) => !Array.isArray(r) || r.some((v) => typeof v !== 'string'))) {
      throw new RequestError('BAD_REQUEST', `'rows' must be a non-empty array of input lists, e.g. [["[1i32, 2i32]"], ["[3i32, 4i32]"]]`);
    }
    const imports = importsOf(request);
    const started = Date.now();
    const loaded = loadedPrograms(program, imports);
    const outputs = [];
    for (let i = 0; i < rows.length; i++) {
      lastMissingParameter = null;
      let authorization;
      try {
        authorization = loaded
          ? await ProgramManagerBase.buildAuthorizationUnchecked(privateKey, program, fn, rows[i], null, null, loaded.clone())
          : await ProgramManagerBase.buildAuthorizationUnchecked(privateKey, program, fn, rows[i], imports);
      } catch (e) {
        throw executionFailure(`evaluating ${fn} on row ${i}`, e);
      }
      outputs.push(plainOutputs(authorization, fn, imports));
      progress('evaluating', `row ${i + 1}/${rows.length}`, (i + 1) / rows.length);
    }
    return { outputs, timings: { totalMs: Date.now() - started } };
  },

  // snarkVM's own fee figures for a program (the SDK's estimators, offline): the execution's cost
  // (storage by its size, plus finalize) from the function's types, and, when asked (it synthesizes
  // every function's keys, minutes per function on a loaded machine), the deployment's total cost.
  // The SDK's estimateFinalizeFee alone is not offered: it fails for a program not deployed on the
  // network ("Program '…' does not exist", SDK 0.11.10).
  async fees(request) {
    const program = requireString(request, 'program');
    const fn = requireString(request, 'function');
    const imports = importsOf(request);
    const programName = /^\s*program\s+([A-Za-z0-9_]+)\.aleo\s*;/m.exec(program)?.[1];
    if (!programName) throw new RequestError('BAD_REQUEST', `the program does not start with 'program <name>.aleo;'`);
    lastMissingParameter = null;
    const started = Date.now();
    try {
      const result = {
        executionMicrocredits: Number(ProgramManagerBase.estimateExecutionFee(program, fn, imports)),
        namespaceMicrocredits: Number(ProgramManagerBase.estimateProgramNameCost(programName)),
      };
      if (request.deployment === true) {
        progress('synthesis', `synthesizing every function of ${programName}.aleo to price its deployment`, 0);
        result.deploymentMicrocredits = Number(await offlineHeight(blockHeightOf(request),
          () => ProgramManagerBase.estimateDeploymentFee(program, imports)));
        result.blockHeight = blockHeightOf(request);
        progress('synthesis', 'deployment priced', 1);
      }
      result.timings = { totalMs: Date.now() - started };
      return result;
    } catch (e) {
      throw executionFailure(`pricing ${programName}.aleo/${fn}`, e);
    }
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

// ---- Multi-program executions (docs/SIDECAR.md, "Chains") ----

/** The request's programs and the transitions their texts imply; a bad list is the caller's error. */
function chainOf(request) {
  const fn = requireString(request, 'function');
  try {
    const chain = parseChain(request.programs);
    return { chain, fn, transitions: expectedTransitions(chain, fn) };
  } catch (e) {
    if (e instanceof ChainError) throw new RequestError('BAD_REQUEST', e.message);
    throw e;
  }
}

const functionKey = (t) => `${t.program}/${t.function}`;

/** Each function the execution runs, once (a function called twice has one pair of keys). */
function uniqueFunctions(transitions) {
  return [...new Map(transitions.map((t) => [functionKey(t), t])).values()];
}

/** Cached keys of every function of the chain, keyed by program/function; missing ones are absent. */
function loadChainKeys(request, chain, transitions) {
  const cache = keyCacheOf(request);
  const keys = new Map();
  for (const t of uniqueFunctions(transitions)) {
    const cached = cache.load(keyMaterial(chain, t.program), t.function, (note) => {
      toStderr(`[keys] ${note}`);
      progress('synthesis', note);
    });
    if (cached) keys.set(functionKey(t), { ...cached, cached: true });
    progress('synthesis', `keys for ${functionKey(t)}: ${cached ? 'cached' : 'not cached, to be synthesized'}`);
  }
  return keys;
}

/**
 * Runs the entry function with the imports added dependencies first and every known key handed
 * over, so snarkVM synthesizes only what is missing. The SDK consumes the builder it is given; a
 * clone shares the original's state (Rc<RefCell<>>), so with cache = true the original holds the
 * imported functions' synthesized keys afterwards, and the response the entry's.
 */
async function runChain(request, chain, fn, { prove, keys }) {
  const inputs = requireInputs(request);
  const builder = new ProgramImportsBuilder();
  for (const p of chain.programs.slice(0, -1)) builder.addProgram(p.id, p.source);
  const entryId = chain.entry.id;
  for (const [key, k] of keys) {
    const [program, function_] = key.split('/');
    if (program === entryId) continue;
    builder.addProvingKey(program, function_, ProvingKey.fromBytes(k.provingKeyBytes));
    builder.addVerifyingKey(program, function_, VerifyingKey.fromString(k.verifyingKey));
  }
  const entryKeys = keys.get(`${entryId}/${fn}`);
  lastMissingParameter = null;
  try {
    const response = await ProgramManagerBase.executeFunctionOffline(
      privateKey, chain.entry.source, fn, inputs, prove, true, null,
      entryKeys ? ProvingKey.fromBytes(entryKeys.provingKeyBytes) : null,
      entryKeys ? VerifyingKey.fromString(entryKeys.verifyingKey) : null,
      null, offlineQuery(blockHeightOf(request)), null, builder.clone());
    return { response, builder };
  } catch (e) {
    throw executionFailure(`${prove ? 'proving' : 'executing'} ${entryId}/${fn} with ${chain.programs.length - 1} imported program(s)`, e);
  }
}

/** The keys snarkVM synthesized for one function during a run: {provingKey, verifyingKey} WASM objects. */
function synthesizedKeys(run, chain, fn, t) {
  if (t.program === chain.entry.id && t.function === fn) {
    const pair = run.response.getKeys();
    return { provingKey: pair.provingKey(), verifyingKey: pair.verifyingKey() };
  }
  const provingKey = run.builder.getProvingKey(t.program, t.function);
  const verifyingKey = run.builder.getVerifyingKey(t.program, t.function);
  if (!provingKey || !verifyingKey) {
    throw new RequestError('INTERNAL', `snarkVM ran ${functionKey(t)} but handed back no keys for it`);
  }
  return { provingKey, verifyingKey };
}

/**
 * Keys for every function of the chain: from the cache, the rest synthesized by one execution
 * and stored. Returns {keys, run (the synthesizing run, or null), synthesisMs, allCached}.
 */
async function obtainChainKeys(request, chain, fn, transitions) {
  const keys = loadChainKeys(request, chain, transitions);
  const missing = uniqueFunctions(transitions).filter((t) => !keys.has(functionKey(t)));
  if (missing.length === 0) return { keys, run: null, synthesisMs: 0, allCached: true };
  progress('synthesis', `synthesizing keys for ${describe(missing)}`, 0);
  const started = Date.now();
  const run = await runChain(request, chain, fn, { prove: false, keys });
  const synthesisMs = Date.now() - started;
  const cache = keyCacheOf(request);
  for (const t of missing) {
    const wasm = synthesizedKeys(run, chain, fn, t);
    const entry = { provingKeyBytes: wasm.provingKey.toBytes(), verifyingKey: wasm.verifyingKey.toString(),
      info: circuitInfo(wasm.verifyingKey.toBytes()), cached: false };
    keys.set(functionKey(t), entry);
    try {
      cache.store(keyMaterial(chain, t.program), t.function, entry.provingKeyBytes, entry.verifyingKey, entry.info);
    } catch (e) {
      const note = `the key cache ${cache.dir} cannot be written (${errorText(e)}): these keys will be synthesized again next time`;
      toStderr(`[warn] ${note}`);
      progress('synthesis', note);
    }
    progress('synthesis', `synthesized ${functionKey(t)}: ${entry.info.constraints} constraints`);
  }
  progress('synthesis', `synthesized ${missing.length} circuit(s)`, 1);
  return { keys, run, synthesisMs, allCached: false };
}

/** Per transition: program, function, its circuit and whether its keys came from the cache. */
function transitionReport(transitions, keys) {
  return transitions.map((t) => {
    const k = keys.get(functionKey(t));
    return { program: t.program, function: t.function, circuit: k?.info ?? null, keysFromCache: k?.cached ?? false };
  });
}

const chainOps = {
  async executeChain(request) {
    const { chain, fn, transitions } = chainOf(request);
    const started = Date.now();
    const obtained = await obtainChainKeys(request, chain, fn, transitions);
    const run = obtained.run ?? await runChain(request, chain, fn, { prove: false, keys: obtained.keys });
    return { outputs: run.response.getOutputs().map(String), transitions: transitionReport(transitions, obtained.keys),
      keysFromCache: obtained.allCached, timings: { totalMs: Date.now() - started, synthesisMs: obtained.synthesisMs } };
  },

  async proveChain(request) {
    const { chain, fn, transitions } = chainOf(request);
    const obtained = await obtainChainKeys(request, chain, fn, transitions);
    progress('proving', `proving ${transitions.length} transition(s): ${describe(transitions)}`, 0);
    const started = Date.now();
    const run = await runChain(request, chain, fn, { prove: true, keys: obtained.keys });
    const provingMs = Date.now() - started;
    const execution = run.response.getExecution();
    if (!execution) throw new RequestError('EXECUTION_FAILED', 'snarkVM returned no execution for the proof');
    const executionText = execution.toString();
    const proven = JSON.parse(executionText).transitions;
    if (!sameTransitions(transitionsOf(executionText), transitions)) {
      throw new RequestError('INTERNAL', `snarkVM's execution has the transitions ${describe(transitionsOf(executionText))}, `
        + `the programs' calls give ${describe(transitions)}`);
    }
    const report = transitionReport(transitions, obtained.keys).map((t, i) => ({
      ...t,
      verifyingKey: obtained.keys.get(functionKey(t)).verifyingKey,
      publicOutputs: (proven[i].outputs ?? []).filter((o) => o.type === 'public').map((o) => String(o.value)),
    }));
    report.forEach((t, i) => progress('proving',
      `transition ${i + 1}/${report.length}: ${functionKey(t)} (${t.circuit.constraints} constraints)`, (i + 1) / report.length));
    return {
      outputs: run.response.getOutputs().map(String), execution: executionText, transitions: report,
      keysFromCache: obtained.allCached, timings: { synthesisMs: obtained.synthesisMs, provingMs },
    };
  },

  // Verifying keys of every function of the chain, synthesized now and not stored (as
  // deriveVerifyingKey): checking an untrusted bundle leaves no proving keys behind.
  async deriveChainVerifyingKeys(request) {
    const { chain, fn, transitions } = chainOf(request);
    // Functions whose cached keys the caller already trusts (named in 'reuse') are not synthesized again.
    const reuse = new Set(Array.isArray(request.reuse) ? request.reuse : []);
    const keys = new Map([...loadChainKeys(request, chain, transitions)].filter(([name]) => reuse.has(name)));
    const fresh = uniqueFunctions(transitions).filter((t) => !keys.has(functionKey(t)));
    progress('synthesis', `synthesizing the verifying keys of ${describe(fresh)} (not cached)`, 0);
    const started = Date.now();
    const run = fresh.length === 0 ? null : await runChain(request, chain, fn, { prove: false, keys });
    const derived = uniqueFunctions(transitions).map((t) => {
      const known = keys.get(functionKey(t));
      if (known) {
        return { program: t.program, function: t.function, circuit: known.info, verifyingKey: known.verifyingKey, keysFromCache: true };
      }
      const wasm = synthesizedKeys(run, chain, fn, t);
      const result = { program: t.program, function: t.function, circuit: circuitInfo(wasm.verifyingKey.toBytes()),
        verifyingKey: wasm.verifyingKey.toString(), keysFromCache: false };
      for (const k of [wasm.provingKey, wasm.verifyingKey]) {
        try { k.free?.(); } catch { /* already released */ }
      }
      return result;
    });
    progress('synthesis', `synthesized ${fresh.length} circuit(s)`, 1);
    return { transitions: derived, timings: { synthesisMs: Date.now() - started } };
  },

  async verifyChain(request) {
    const fn = requireString(request, 'function');
    const executionText = requireString(request, 'execution');
    const given = Array.isArray(request.verifyingKeys) ? request.verifyingKeys : [];
    progress('verifying', `verifying the execution of ${fn}`, 0);
    lastMissingParameter = null;
    try {
      let chain;
      let expected;
      try {
        chain = parseChain(request.programs);
        expected = expectedTransitions(chain, fn);
      } catch (e) {
        throw new Invalid(`the programs do not form a chain: ${errorText(e)}`);
      }
      let actual;
      try {
        actual = transitionsOf(executionText);
      } catch (e) {
        throw new Invalid(`the execution is malformed: ${errorText(e)}`);
      }
      // snarkVM checks the call structure too; this names what differs.
      if (!sameTransitions(actual, expected)) {
        throw new Invalid(`the execution's transitions are ${describe(actual)}; the programs' calls give ${describe(expected)}`);
      }
      const keyText = new Map();
      for (const k of given) {
        if (typeof k?.program === 'string' && typeof k?.function === 'string' && typeof k?.verifyingKey === 'string') {
          keyText.set(functionKey(k), k.verifyingKey);
        }
      }
      const cache = request.keyBound === true ? null : keyCacheOf(request);
      let checkedAll = cache != null;
      const parsedKeys = new Map();
      for (const t of uniqueFunctions(expected)) {
        const text = keyText.get(functionKey(t));
        if (text == null) throw new Invalid(`no verifying key is given for ${functionKey(t)}`);
        // As in verify: snarkVM does not tie a key to a program text, the cache (when it knows it) does.
        const cached = cache?.load(keyMaterial(chain, t.program), t.function);
        if (cached && cached.verifyingKey !== text) {
          throw new Invalid(`the verifying key of ${functionKey(t)} is not the one synthesized for its program`);
        }
        checkedAll &&= cached != null;
        try {
          parsedKeys.set(functionKey(t), VerifyingKey.fromString(text));
        } catch (e) {
          throw new Invalid(`the verifying key of ${functionKey(t)} is malformed: ${errorText(e)}`);
        }
      }
      let entryProgram;
      let execution;
      try {
        entryProgram = Program.fromString(chain.entry.source);
      } catch (e) {
        throw new Invalid(`${chain.entry.id} is malformed: ${errorText(e)}`);
      }
      try {
        execution = sdk.FunctionExecution.fromString(executionText);
      } catch (e) {
        throw new Invalid(`the execution is malformed: ${errorText(e)}`);
      }
      const imports = {};
      for (const p of chain.programs.slice(0, -1)) imports[p.id] = p.source;
      const importedKeys = {};
      for (const t of uniqueFunctions(expected)) {
        if (t.program === chain.entry.id) continue;
        (importedKeys[t.program] ??= []).push([t.function, keyText.get(functionKey(t))]);
      }
      const valid = verifyFunctionExecution(execution, parsedKeys.get(`${chain.entry.id}/${fn}`), entryProgram, fn,
        imports, importedKeys, blockHeightOf(request));
      if (!valid && lastMissingParameter) throw new Error('an SRS parameter file is missing');
      progress('verifying', valid ? 'proof valid' : 'proof invalid', 1);
      return {
        valid, verifyingKeyCheckedAgainstProgram: checkedAll,
        reason: valid ? `the batch proof verifies for ${expected.length} transition(s) under their verifying keys`
          : 'the proof does not verify against these verifying keys, programs and public values',
      };
    } catch (e) {
      if (lastMissingParameter) throw executionFailure(`verifying ${fn}`, e);
      const reason = e instanceof Invalid ? e.message : `verification rejected the execution: ${errorText(e)}`;
      return { valid: false, reason };
    }
  },
};
Object.assign(ops, chainOps);

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
