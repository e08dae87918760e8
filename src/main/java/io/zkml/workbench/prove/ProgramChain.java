package io.zkml.workbench.prove;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs of a multi-program execution: dependencies first, the entry last, and the entry's
 * function. A model the compiler splits into segments ({@code name.aleo} calling
 * {@code name_s1.aleo/main}, which calls {@code name_s2.aleo/main}, …) is listed as
 * {@code [name_sN, …, name_s1, name]}. A chain of one program is the single-program case.
 *
 * <p>The program texts decide which functions run and in which order their transitions appear
 * ({@link #transitions()}, the same reading as src/sidecar/chain.mjs), and what a function's cached
 * keys are named by ({@link #keyText}).
 */
public record ProgramChain(List<ProgramSource> programs, String function) {

    /** snarkVM allows fewer than 32 calls in one execution: "Number of calls must be less than '32'". */
    public static final int MAX_TRANSITIONS = 31;

    private static final Pattern PROGRAM_ID = Pattern.compile("(?m)^\\s*program\\s+([A-Za-z0-9_]+\\.aleo)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+([A-Za-z0-9_]+\\.aleo)\\s*;");
    private static final Pattern CALL = Pattern.compile("^\\s*call\\s+([A-Za-z0-9_]+\\.aleo)/([A-Za-z0-9_]+)\\b.*");
    private static final Pattern BLOCK = Pattern.compile("^\\s*(function|closure|constructor)\\b\\s*([A-Za-z0-9_]*)\\s*:.*");

    /**
     * @throws IllegalArgumentException when the list is empty or longer than 32, an id repeats, a
     *         text declares another id than it is listed under, or an import is not listed before its importer
     */
    public ProgramChain {
        programs = List.copyOf(programs);
        if (programs.isEmpty() || programs.size() > MAX_TRANSITIONS + 1) {
            throw new IllegalArgumentException("a program chain lists 1 to " + (MAX_TRANSITIONS + 1) + " programs, not " + programs.size());
        }
        Set<String> seen = new HashSet<>();
        for (ProgramSource p : programs) {
            String declared = declaredId(p.aleo());
            if (!p.programId().equals(declared)) {
                throw new IllegalArgumentException(p.programId() + "'s text declares " + declared);
            }
            for (String imported : imports(p.aleo())) {
                if (!seen.contains(imported)) {
                    throw new IllegalArgumentException(p.programId() + " imports " + imported
                            + ", which is not listed before it (list dependencies first, the entry last)");
                }
            }
            if (!seen.add(p.programId())) {
                throw new IllegalArgumentException(p.programId() + " is listed twice");
            }
        }
    }

    /** A chain of one program (the single-program case). */
    public static ProgramChain single(String programId, String aleo, String function) {
        return new ProgramChain(List.of(new ProgramSource(programId, aleo)), function);
    }

    public ProgramSource entry() {
        return programs.get(programs.size() - 1);
    }

    public ProgramSource program(String programId) {
        return programs.stream().filter(p -> p.programId().equals(programId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(programId + " is not in the chain"));
    }

    /** The id a program text declares ({@code program x.aleo;}), or null. */
    public static String declaredId(String aleo) {
        Matcher m = PROGRAM_ID.matcher(aleo);
        return m.find() ? m.group(1) : null;
    }

    public static List<String> imports(String aleo) {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(aleo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A transition as the programs' calls imply it: {@code program/function}. */
    public record Call(String program, String function) {
        public String name() {
            return program + "/" + function;
        }
    }

    /**
     * The transitions an execution of the entry function has, in snarkVM's order: each call's
     * transitions, in call order, before the caller's own.
     *
     * @throws IllegalArgumentException when a call reaches a program or function that is not there,
     *         or the calls make more than {@value #MAX_TRANSITIONS} transitions
     */
    public List<Call> transitions() {
        List<Call> out = new ArrayList<>();
        visit(entry().programId(), function, 0, out);
        return out;
    }

    private void visit(String programId, String fn, int depth, List<Call> out) {
        if (depth > MAX_TRANSITIONS) {
            throw new IllegalArgumentException("the calls nest deeper than snarkVM allows");
        }
        List<String> body = functionBody(program(programId).aleo(), fn);
        if (body == null) {
            throw new IllegalArgumentException(programId + " has no function " + fn);
        }
        for (String line : body) {
            Matcher call = CALL.matcher(line);
            if (call.matches()) {
                visit(call.group(1), call.group(2), depth + 1, out);
            }
        }
        out.add(new Call(programId, fn));
        if (out.size() > MAX_TRANSITIONS) {
            throw new IllegalArgumentException("the execution would have more than " + MAX_TRANSITIONS
                    + " transitions, more than snarkVM allows");
        }
    }

    private static List<String> functionBody(String aleo, String fn) {
        List<String> body = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : aleo.split("\n")) {
            Matcher block = BLOCK.matcher(line);
            if (block.matches()) {
                inside = "function".equals(block.group(1)) && fn.equals(block.group(2));
                found |= inside;
                continue;
            }
            if (inside) {
                body.add(line);
            }
        }
        return found ? body : null;
    }

    /**
     * The chain an execution of {@code programId/fn} alone runs: that program last, after every program
     * it imports, directly or not, in this chain's order (which already lists each before its importers).
     * Its {@link #keyText}s are this chain's: a function's keys do not depend on who calls it.
     *
     * @throws IllegalArgumentException when the program is not in the chain
     */
    public ProgramChain rootedAt(String programId, String fn) {
        Set<String> needed = importClosure(programId);
        needed.add(programId);
        return new ProgramChain(programs.stream().filter(p -> needed.contains(p.programId())).toList(), fn);
    }

    /**
     * The text a program's cached keys are named by ({@code KeyCache.keyId(keyText, function)}): its
     * own text when it imports nothing (the single-program cache entry), else its text followed by
     * "\0" and the text of each program it imports, directly or not, in list order. A caller's
     * circuit depends on its callees' signatures, which its own text does not fix.
     */
    public String keyText(String programId) {
        Set<String> closure = importClosure(programId);
        StringBuilder s = new StringBuilder(program(programId).aleo());
        for (ProgramSource p : programs) {
            if (closure.contains(p.programId())) {
                s.append('\0').append(p.aleo());
            }
        }
        return s.toString();
    }

    /** The programs {@code programId} imports, directly or not. */
    private Set<String> importClosure(String programId) {
        Set<String> closure = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(programId));
        while (!pending.isEmpty()) {
            for (String imported : imports(program(pending.remove(pending.size() - 1)).aleo())) {
                if (closure.add(imported)) {
                    pending.add(imported);
                }
            }
        }
        return closure;
    }
}
