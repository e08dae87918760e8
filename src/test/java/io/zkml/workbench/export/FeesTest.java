package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CircuitInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fee formulas against the values snarkVM's own cost.rs tests document. */
class FeesTest {

    /** cost.rs test_storage_cost_bounds (MAX_TRANSACTION_SIZE 128,000 bytes costs 3,276,800). */
    @Test
    void executionStorageMatchesSnarkVmsDocumentedBounds() {
        assertEquals(0, Fees.executionStorage(0));
        assertEquals(1, Fees.executionStorage(1));
        assertEquals(4_999, Fees.executionStorage(4_999));
        assertEquals(5_000, Fees.executionStorage(5_000));
        assertEquals(5_002, Fees.executionStorage(5_001));
        assertEquals(3_276_800, Fees.executionStorage(128_000));
    }

    @Test
    void deploymentIsStoragePlusSynthesisPlusNamespace() {
        Fees.Deployment d = Fees.deployment("iris_tiny_s1.aleo", 2_535, new CircuitInfo(12_208, 12_211, 1, 1, 1));
        assertEquals(2_535_000, d.storage());
        assertEquals((12_208 + 12_211) * 25L, d.synthesis());
        assertEquals(1_000_000, d.namespace(), "twelve characters: 10^0 credits");
        assertEquals(d.storage() + d.synthesis() + d.namespace(), d.total());
        assertEquals(10_000_000L * 1_000_000, Fees.namespace(3), "three characters: 10^7 credits");
        assertEquals(10_000_000, Fees.namespace(9));
        assertEquals("3.146475", Fees.credits(3_146_475));
    }
}
