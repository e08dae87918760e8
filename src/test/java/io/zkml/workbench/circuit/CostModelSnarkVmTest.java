package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.BinaryOp;
import io.zkml.workbench.codegen.IrBuilder;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SynthesisResult;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;


/** Predicted circuit info equals what snarkVM synthesizes, in all five counts. */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostModelSnarkVmTest {

    private static final ProgramHeader H = new ProgramHeader("m.zip", "a", "b", "test");
    private SidecarClient client;

    /** The run's shared sidecar (closed when the run ends, not by this class). */
    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    /**
     * Integer and field instructions without constant operands (whose cost does not depend on a
     * constant's bits), an [i16; 4u32] input and an [i16; 3u32] output: predicted exactly.
     */
    static IrProgram constantFree() {
        IrBuilder b = new IrBuilder();
        Operand.Reg x = b.input("x", new ArrayType(ScalarType.I16, 4), Visibility.PRIVATE);
        b.layer("int");
        Operand.Reg a = b.binary(BinaryOp.ADD, new Operand.Element(x, 0), new Operand.Element(x, 1), "a");
        Operand.Reg s = b.binary(BinaryOp.ADD, a, new Operand.Element(x, 2), "s");
        b.layer("field");
        Operand.Reg f = b.cast(new Operand.Element(x, 2), ScalarType.FIELD, "f");
        Operand.Reg g = b.cast(new Operand.Element(x, 3), ScalarType.FIELD, "g");
        Operand.Reg h = b.binary(BinaryOp.ADD, f, g, "h");
        Operand.Reg u = b.cast(h, ScalarType.U64, "u");
        Operand.Reg v = b.cast(g, ScalarType.U64, "v");
        Operand.Reg c = b.binary(BinaryOp.LT, u, v, "c");
        Operand.Reg m = b.ternary(c, v, u, "m");
        Operand.Reg back = b.cast(m, ScalarType.FIELD, "back");
        b.cast(back, ScalarType.U64, "y"); // unread, yet synthesized like every instruction
        b.layer("out");
        Operand.Reg arr = b.array(List.of(s, a, new Operand.Element(x, 0)), "out");
        b.output(arr, Visibility.PUBLIC, "out");
        return b.build(H, "exact", "main");
    }

    @Test
    void constantFreeProgramIsPredictedExactly() {
        IrProgram p = constantFree();
        ExactCost.assertExact(synthesize(p, "[-5i16, 2i16, 3i16, 4i16]"), CostModel.bundled().estimate(p), "constant-free");
    }

    /** Constant operands, shifted values, clamps and the argmax chain: exact in all five counts. */
    @Test
    void lowered443FieldArgmaxIsPredictedExactly() {
        IrProgram p = new Lowering().lower(io.zkml.workbench.codegen.TestNets.fieldArgmax443(),
                io.zkml.workbench.codegen.TestNets.HEADER, "tiny443");
        ExactCost.assertExact(synthesize(p, "[100i16, -20i16, 300i16, 4i16]"), CostModel.bundled().estimate(p), "tiny443");
    }

    private io.zkml.workbench.prove.CircuitInfo synthesize(IrProgram p, String input) {
        SynthesisResult r = client.synthesize(new AleoPrinter().print(p).text(), "main", List.of(input));
        return r.circuit();
    }
}
