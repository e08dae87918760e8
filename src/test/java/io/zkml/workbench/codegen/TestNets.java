package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantizedGraph;

/** Test networks for other packages' tests (Tiny443 stays package-private). */
public final class TestNets {

    public static final ProgramHeader HEADER = Tiny443.HEADER;

    private TestNets() {
    }

    public static QuantizedGraph fieldArgmax443() {
        return Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
    }
}
