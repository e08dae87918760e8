package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrBuilder;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A function that passes its private input to another program's function and returns, public, what that
 * returned: the circuits snarkVM synthesized for the caller's transition (SDK 0.11.10,
 * a chain synthesized by the sidecar, 2026-12-05), predicted in all five counts.
 */
class CallCostTest {

    record Probe(ArrayType arg, IrType result, CircuitInfo snarkVm) {
    }

    static Stream<Probe> probes() {
        return Stream.of(
                new Probe(new ArrayType(ScalarType.I16, 4), ScalarType.U8, new CircuitInfo(13672, 13686, 35169, 51841, 17700)),
                new Probe(new ArrayType(ScalarType.I16, 8), ScalarType.U8, new CircuitInfo(13736, 13750, 35425, 52161, 17700)),
                new Probe(new ArrayType(ScalarType.U16, 8), ScalarType.U8, new CircuitInfo(13736, 13750, 35425, 52161, 17700)),
                new Probe(new ArrayType(ScalarType.I16, 4), new ArrayType(ScalarType.I16, 3),
                        new CircuitInfo(13712, 13726, 35329, 52041, 17700)));
    }

    @ParameterizedTest
    @MethodSource("probes")
    void theCallersTransitionIsPredictedExactly(Probe p) {
        IrBuilder b = new IrBuilder();
        Operand.Reg x = b.input("x", p.arg(), Visibility.PRIVATE);
        List<Operand.Reg> r = b.call("pcallee", "g", List.of(x), List.of(p.result()), List.of("y"));
        b.output(r.get(0), Visibility.PUBLIC, "y");
        IrProgram caller = b.build(new ProgramHeader("m", "a", "b", "t"), "pcaller", "main");
        assertEquals(p.snarkVm(), CostModel.bundled().estimate(caller).total(), p.arg().aleo() + " -> " + p.result().aleo());
    }
}
