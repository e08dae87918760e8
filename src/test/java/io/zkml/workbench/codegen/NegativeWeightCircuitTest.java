package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A random spec that multiplies in i16 by constant weights of both signs (differential seed 279:
 * weights 4, -10, 9, -2, -3, -5, -12, -2, -9, 4, 4), predicted equal to the circuit snarkVM synthesized
 * for it (sdk 0.11.10, 7 Dec 2026). The prediction was 112 over in A until signed multiplication was
 * priced by its gadget rule: seven negative weights, 16 entries each (docs/ENCODING.md, "Exact cost").
 */
class NegativeWeightCircuitTest {

    @Test
    void integerDomainMultipliesByNegativeWeightsArePredictedExactly() {
        var net = RandomSpecNetworks.generate(279);
        IrProgram ir = new Lowering().lower(QuantizedGraphBuilder.build(net.graph(), net.spec()), Tiny443.HEADER, "rnd");
        long negative = ir.body().stream()
                .filter(i -> i instanceof Instruction.Binary b && b.op() == BinaryOp.MUL
                        && b.b() instanceof Operand.Const k && k.type() == ScalarType.I16 && k.value().signum() < 0)
                .count();
        assertEquals(7, negative, "the program this measurement is of");
        CostEstimate e = CostModel.bundled().estimate(ir);
        assertTrue(e.complete(), e.unmeasured().toString());
        assertEquals(new CircuitInfo(14_009, 13_840, 32_360, 40_602, 18_557), e.total());
        assertEquals(16, e.srsDegreeLog2());
    }
}
