// Multi-program executions ("chains"): an entry program whose function calls functions of
// imported programs, each call its own transition, all proven by one batch proof.
//
// A request names the programs as an ordered list, dependencies first and the entry last (the
// order snarkVM needs them added in). Everything here is read from the program texts, never from
// what a caller says about them: which functions are reached, in which order their transitions
// appear, and what the cached keys of each function depend on.

const PROGRAM_ID = /^\s*program\s+([A-Za-z0-9_]+\.aleo)\s*;/m;
const IMPORT = /^\s*import\s+([A-Za-z0-9_]+\.aleo)\s*;/gm;
const CALL = /^\s*call\s+([A-Za-z0-9_]+\.aleo)\/([A-Za-z0-9_]+)\b/;
const BLOCK = /^\s*(function|closure|constructor)\b\s*([A-Za-z0-9_]*)\s*:/;

// snarkVM: "Number of calls must be less than '32'" over the whole call tree.
export const MAX_TRANSITIONS = 31;

export class ChainError extends Error {}

export function programIdOf(source) {
  return PROGRAM_ID.exec(source)?.[1] ?? null;
}

export function importsOf(source) {
  return [...source.matchAll(IMPORT)].map((m) => m[1]);
}

/**
 * Checks the request's program list: 1 to 32 programs with unique ids, each text declaring the
 * id it is listed under, and every import listed before the program importing it. Returns
 * {programs: [{id, source}], byId: Map, entry}.
 */
export function parseChain(programs) {
  if (!Array.isArray(programs) || programs.length === 0 || programs.length > MAX_TRANSITIONS + 1) {
    throw new ChainError(`'programs' must list 1 to ${MAX_TRANSITIONS + 1} programs as {id, source}, dependencies first and the entry last`);
  }
  const byId = new Map();
  for (const [i, p] of programs.entries()) {
    if (typeof p?.id !== 'string' || typeof p?.source !== 'string' || p.source.length === 0) {
      throw new ChainError(`programs[${i}] must be {id, source} with non-empty strings`);
    }
    const declared = programIdOf(p.source);
    if (declared !== p.id) throw new ChainError(`programs[${i}] is listed as ${p.id} but its text declares ${declared}`);
    if (byId.has(p.id)) throw new ChainError(`${p.id} is listed twice`);
    for (const imported of importsOf(p.source)) {
      if (!byId.has(imported)) {
        throw new ChainError(`${p.id} imports ${imported}, which is not listed before it (list dependencies first)`);
      }
    }
    byId.set(p.id, p.source);
  }
  return { programs: programs.map(({ id, source }) => ({ id, source })), byId, entry: programs[programs.length - 1] };
}

/** The instructions of one function of a program (lines up to the next function, closure or constructor). */
function functionBody(source, fn) {
  const lines = source.split('\n');
  const body = [];
  let inside = false;
  let found = false;
  for (const line of lines) {
    const block = BLOCK.exec(line);
    if (block) {
      inside = block[1] === 'function' && block[2] === fn;
      found ||= inside;
      continue;
    }
    if (inside) body.push(line);
  }
  return found ? body : null;
}

/**
 * The transitions an execution of `entryFn` has, in snarkVM's order: a callee's transitions come
 * before its caller's (each call's subtree in call order, then the caller). Read from the texts.
 */
export function expectedTransitions(chain, entryFn) {
  const out = [];
  const visit = (id, fn, depth) => {
    if (depth > MAX_TRANSITIONS) throw new ChainError('the calls nest deeper than snarkVM allows');
    const source = chain.byId.get(id);
    if (source == null) throw new ChainError(`a call reaches ${id}, which is not among the programs`);
    const body = functionBody(source, fn);
    if (body == null) throw new ChainError(`${id} has no function ${fn}`);
    for (const line of body) {
      const call = CALL.exec(line);
      if (call) visit(call[1], call[2], depth + 1);
    }
    out.push({ program: id, function: fn });
    if (out.length > MAX_TRANSITIONS) {
      throw new ChainError(`the execution would have more than ${MAX_TRANSITIONS} transitions, more than snarkVM allows`);
    }
  };
  visit(chain.entry.id, entryFn, 0);
  return out;
}

/**
 * The text a program's cached keys are named by. A caller's circuit depends on its callees'
 * signatures (a callee returning u8.public instead of u8.private changes the caller's circuit
 * while its own text stays the same), so a program with imports is keyed by its text followed by
 * the texts of everything it imports, directly or not, in list order. A program without imports is
 * keyed by its text alone: the same entry as the single-program path.
 */
export function keyMaterial(chain, id) {
  const closure = new Set();
  const pending = [id];
  while (pending.length > 0) {
    for (const imported of importsOf(chain.byId.get(pending.pop()))) {
      if (!closure.has(imported)) {
        closure.add(imported);
        pending.push(imported);
      }
    }
  }
  const source = chain.byId.get(id);
  if (closure.size === 0) return source;
  return source + chain.programs.filter((p) => closure.has(p.id)).map((p) => `\0${p.source}`).join('');
}

/** The programs and functions named by each transition of an execution JSON, in order. */
export function transitionsOf(executionText) {
  const transitions = JSON.parse(executionText).transitions;
  if (!Array.isArray(transitions)) throw new ChainError('the execution has no transitions');
  return transitions.map((t) => ({ program: t?.program, function: t?.function }));
}

export function sameTransitions(a, b) {
  return a.length === b.length && a.every((t, i) => t.program === b[i].program && t.function === b[i].function);
}

export function describe(transitions) {
  return transitions.map((t) => `${t.program}/${t.function}`).join(', ');
}
