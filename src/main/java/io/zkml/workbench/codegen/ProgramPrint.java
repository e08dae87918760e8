package io.zkml.workbench.codegen;

import java.util.function.Supplier;

/**
 * A program's printed text, printed the first time anyone asks for it and then kept. The compiler hands
 * out both texts this way: the figures and the limits need only the Aleo text's size ({@link AleoPrinter#size},
 * measured without spelling it), and the texts themselves are read by the Code tab, an export, a proof and a
 * bundle check. Printing them on every recompile was half of fashion-mlp's compile (the Leo text a third, the
 * Aleo text and its measuring most of the rest) and a fifth of fashion-cnn's, paid before the workbench could
 * show the new program's figures. Whichever thread asks first prints it; the others wait for that printing
 * and get the same object.
 */
public final class ProgramPrint implements Supplier<PrintedProgram> {

    private Supplier<PrintedProgram> printer;
    private volatile PrintedProgram printed;

    private ProgramPrint(Supplier<PrintedProgram> printer) {
        this.printer = printer;
    }

    /** The Leo text of {@code program}, printed when first asked for. */
    public static ProgramPrint leo(IrProgram program) {
        return new ProgramPrint(() -> new LeoPrinter().print(program));
    }

    /** The Aleo text of {@code program}, printed when first asked for. */
    public static ProgramPrint aleo(IrProgram program) {
        return new ProgramPrint(() -> new AleoPrinter().print(program));
    }

    @Override
    public PrintedProgram get() {
        PrintedProgram p = printed;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (printed == null) {
                printed = printer.get();
                printer = null; // the program it captured stays reachable through its owner only
            }
            return printed;
        }
    }

    /** Equal when the texts and their line maps are (both are printed to compare them). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ProgramPrint p && get().equals(p.get());
    }

    @Override
    public int hashCode() {
        return get().hashCode();
    }

    /** Whether the text has been printed (for tests of who prints it when). */
    public boolean isPrinted() {
        return printed != null;
    }
}
