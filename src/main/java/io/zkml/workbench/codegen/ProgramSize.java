package io.zkml.workbench.codegen;

/**
 * The size of a program's Aleo text, which is all its MAX_PROGRAM_SIZE check needs: as written, and as
 * snarkVM prints it back ({@link AleoPrinter#snarkVmLength}). A chain search measures every candidate it
 * prices this way ({@link AleoPrinter#size}) without keeping megabytes of text it never shows.
 *
 * @param written characters of the text as printed
 * @param snarkVm characters of snarkVM's own printing of it
 */
public record ProgramSize(long written, long snarkVm) {

    public static ProgramSize of(String aleoText) {
        return new ProgramSize(aleoText.length(), AleoPrinter.snarkVmLength(aleoText));
    }
}
