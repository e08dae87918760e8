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
        Fees.Deployment d = Fees.deploymentEstimate("iris_tiny_s1.aleo", 2_535, new CircuitInfo(12_208, 12_211, 1, 1, 1));
        assertEquals(2_535_000, d.storage());
        assertEquals((12_208 + 12_211) * Fees.SYNTHESIS_FEE_PER_UNIT, d.synthesis());
        assertEquals(1_000_000, d.namespace(), "twelve characters: 10^0 credits");
        assertEquals(d.storage() + d.synthesis() + d.namespace(), d.total());
        assertEquals(10_000_000L * 1_000_000, Fees.namespace(3), "three characters: 10^7 credits");
        assertEquals(10_000_000, Fees.namespace(9));
        assertEquals("3.146475", Fees.credits(3_146_475));
    }

    /**
     * The serialized sizes the execution fee adds up, by snarkVM's encoding: iris-tiny's private [i16; 4u32]
     * input is a 267-bit plaintext (with the terminus bit), two field elements of ciphertext; its public u8
     * output a 4-byte plaintext. The whole execution is 1,281 bytes, what the shipped SDK's
     * estimateExecutionFee gives for iris-tiny (FeesSnarkVmTest checks it on every build with snarkVM).
     */
    @Test
    void valueSizesFollowSnarkVmsEncoding() {
        var i16x4 = new io.zkml.workbench.codegen.ArrayType(io.zkml.workbench.codegen.ScalarType.I16, 4);
        assertEquals(2, Fees.ciphertextFields(i16x4));
        assertEquals(1 + 32 + 1 + 2 + 64, Fees.valueBytes(i16x4, io.zkml.workbench.codegen.Visibility.PRIVATE));
        assertEquals(1 + 32 + 1 + 1 + 2 + 1, Fees.valueBytes(io.zkml.workbench.codegen.ScalarType.U8,
                io.zkml.workbench.codegen.Visibility.PUBLIC));
        assertEquals(1 + 4 + 4 * (2 + 1 + 2 + 32), Fees.plaintextBytes(
                new io.zkml.workbench.codegen.ArrayType(io.zkml.workbench.codegen.ScalarType.FIELD, 4)));
        // 9 field elements: 2 + 32 + 9 * (16 + 26 + 253) + 1 = 2,690 bits, 11 field elements of 252 bits.
        assertEquals(11, Fees.ciphertextFields(
                new io.zkml.workbench.codegen.ArrayType(io.zkml.workbench.codegen.ScalarType.FIELD, 9)));
    }
}
