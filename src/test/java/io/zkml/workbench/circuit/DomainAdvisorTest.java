package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.TestNets;
import io.zkml.workbench.quant.Domain;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainAdvisorTest {

    @Test
    void fieldArithmeticIsCheapestForTheTestNetwork() {
        List<DomainChoice> choices = new DomainAdvisor(CostModel.bundled()).advise(TestNets.fieldArgmax443());
        assertEquals(List.of("dense_1", "out"), choices.stream().map(DomainChoice::layer).toList());
        for (DomainChoice c : choices) {
            assertEquals(Domain.FIELD, c.cheapest(), c.toString());
            // 16-bit inputs times 8-frac-bit weights cannot fit i8 or i16; i64 is priced since signed
            // multiplication has a gadget rule (measured up to i64).
            assertEquals(Set.of(Domain.FIELD, Domain.I32, Domain.I64), c.totals().keySet(), c.toString());
        }
        DomainChoice hidden = choices.get(0);
        assertTrue(hidden.totals().get(Domain.I32).constraints() > hidden.totals().get(Domain.FIELD).constraints() + 2000,
                "4 weights per neuron at ~239 constraints each in i32 vs one 65-constraint cast in the field");
    }
}
