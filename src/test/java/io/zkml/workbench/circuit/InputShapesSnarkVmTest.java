package io.zkml.workbench.circuit;

import io.zkml.workbench.testing.SnarkVm;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SynthesisResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: the three input shapes the packing rule mispriced are re-measured in snarkVM and
 * predicted exactly in all five counts ([i8; 6u32], breast-cancer's [i16; 30u32], digits'
 * [i16; 64u32]). The probe programs are the calibration's own (they fit 2^16).
 */
@SnarkVm
class InputShapesSnarkVmTest {

    @ParameterizedTest
    @ValueSource(strings = {"io: input [i8; 6u32], output i8", "io: input [i16; 30u32], output i16",
            "io: input [i16; 64u32], output i16"})
    void inputShapeIsPredictedExactly(String probeName, SidecarClient client) {
        CalibrationProbe p = CalibrationProbes.byName().get(probeName);
        SynthesisResult r = client.synthesize(p.program(), "main", p.inputs());
        CostEstimate predicted = CostModel.bundled().estimate(ProbeParser.parse(p.program()), false);
        assertTrue(predicted.exact(), probeName + ": " + predicted.notExact());
        ExactCost.assertExact(r.circuit(), predicted, probeName);
    }
}
