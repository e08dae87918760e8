package io.zkml.workbench.prove;

import java.util.Objects;

/**
 * One program of a multi-program execution: its id ({@code name.aleo}) and its Aleo instructions.
 *
 * @param aleo the program text exactly as proven; its keys are named by its SHA-256 (with its imports')
 */
public record ProgramSource(String programId, String aleo) {

    public ProgramSource {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(aleo, "aleo");
    }
}
