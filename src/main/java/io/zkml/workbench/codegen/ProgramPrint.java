package io.zkml.workbench.codegen;

import java.util.function.Supplier;

/**
 * A program's printed text, printed the first time anyone asks for it and then kept. The compiler hands
 * out the Leo text this way: neither the figures nor the limits nor a proof read it (the Code tab's Leo
 * view, an export and a bundle do), and printing it on every recompile was a third of fashion-mlp's
 * compile and a tenth of fashion-cnn's, paid before the workbench could show the new program's figures.
 * Whichever thread asks first prints it; the others wait for that printing and get the same object.
 */
public final class ProgramPrint implements Supplier<PrintedProgram> {

    private Supplier<PrintedProgram> printer;
    private volatile PrintedProgram printed;

    private ProgramPrint(Supplier<PrintedProgram> printer, PrintedProgram printed) {
        this.printer = printer;
        this.printed = printed;
    }

    /** The Leo text of {@code program}, printed when first asked for. */
    public static ProgramPrint leo(IrProgram program) {
        return new ProgramPrint(() -> new LeoPrinter().print(program), null);
    }

    /** A text printed already. */
    public static ProgramPrint of(PrintedProgram printed) {
        return new ProgramPrint(null, java.util.Objects.requireNonNull(printed));
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
