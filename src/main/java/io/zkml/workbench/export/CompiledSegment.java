package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.Handoff;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.PrintedProgram;
import io.zkml.workbench.codegen.ProgramPrint;
import io.zkml.workbench.codegen.ProgramSize;

import java.util.List;

/**
 * One program of a compiled model, and so one transition of every execution: a whole model is one
 * segment; a chain has its entry first, each segment calling the next. Everything the cost report,
 * the export and the dashboard list per transition comes from here.
 *
 * @param start     where in the model it starts (before layer 0 for the entry; inside a Conv2D layer when the
 *                  chain is cut between that layer's output channels)
 * @param end       where it ends (before the one-past-last layer for the last segment)
 * @param receives  the activation it takes as private arrays (null for the entry, which takes the data)
 * @param passes    the activation it hands to the next segment (null for the last)
 * @param aleoPrint the program's Aleo text with its per-layer line ranges, printed once, when first asked for
 *                  ({@link #aleo()}): the Code tab, the export, the prover and a bundle's check all read this one
 *                  printing; nothing on the way to the figures does
 * @param size      the Aleo text's size, measured by the compiler without spelling the text: what the size limit,
 *                  the characters shown and the deployment fee read
 * @param leoPrint  the same for its Leo text, printed when first asked for ({@link #leo()})
 * @param limits    every Aleo limit checked for this program, passed or not
 */
public record CompiledSegment(int index, IrProgram program, ChainPoint start, ChainPoint end, Handoff receives,
                              Handoff passes, ProgramPrint aleoPrint, ProgramSize size, ProgramPrint leoPrint, CostEstimate cost,
                              List<LimitCheck> limits) {

    public CompiledSegment {
        limits = List.copyOf(limits);
    }

    /** The first layer it computes (some of). */
    public int fromLayer() {
        return start.layer();
    }

    /** One past the last layer it computes (some of). */
    public int toLayer() {
        return end.layersEnd();
    }

    /** The Aleo text with its per-layer line ranges (printed now if nobody asked for it before). */
    public PrintedProgram aleo() {
        return aleoPrint.get();
    }

    public String aleoText() {
        return aleo().text();
    }

    /** The Leo text with its per-layer line ranges (printed now if nobody asked for it before). */
    public PrintedProgram leo() {
        return leoPrint.get();
    }

    public String leoText() {
        return leo().text();
    }

    public String programId() {
        return program.programName() + ".aleo";
    }

    public int srsDegreeLog2() {
        return cost.srsDegreeLog2();
    }

    public int instructions() {
        return program.body().size() + (program.call() == null ? 0 : 1);
    }

    public int characters() {
        return Math.toIntExact(size.written());
    }

    /** This transition's bytes in an execution, with its part of the batch proof (exact, {@link Fees}). */
    public long executionBytes() {
        return Fees.transitionBytes(program);
    }

    /** The estimated fee of deploying this program ({@link Fees#deploymentEstimate}). */
    public Fees.Deployment deploymentEstimate() {
        return Fees.deploymentEstimate(programId(), characters(), cost.total());
    }
}
