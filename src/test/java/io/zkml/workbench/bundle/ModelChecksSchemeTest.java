package io.zkml.workbench.bundle;

import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.PackedInput;
import io.zkml.workbench.codegen.PackedWeights;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify --model} recompiles with the scheme the bundle records (or, for format 1, the scheme of
 * its time) and says which one; a salted scheme needs the salt. SHA-256 stands in for Poseidon here:
 * what is checked is which program and which preimage the check builds (the snarkVM tests hash for real).
 */
class ModelChecksSchemeTest {

    static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");
    static final BinaryOperator<String> FAKE = (algorithm, text) -> {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((algorithm + ":" + text).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, d).mod(ScalarType.FIELD_MODULUS) + "field";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    private static ProofBundle bundle(String scheme, String quantJson) {
        BundleManifest m = new BundleManifest(2, "iris_tiny.aleo", "main", List.of("0u8", "1field"), null, List.of(), 0,
                "iris-tiny.zip", "x", "y", "z", "1field", null, null, null, false, "", "private-committed", "V19", scheme);
        return new ProofBundle(m, "", "", "", "", quantJson);
    }

    @Test
    void anOldSchemeBundleIsRecompiledWithItsSchemeAndSaysSo() throws Exception {
        ModelSession session = ModelSession.open(IRIS_TINY, null);
        String spec = new QuantSpecJson().toJson(session.calibrate());
        ModelCheck c = ModelChecks.of(IRIS_TINY, spec, null, bundle(CommittedWeights.SCHEME + " (public output)", spec), FAKE, null);
        assertTrue(c.scheme().contains(CommittedWeights.SCHEME) && c.scheme().contains("unsalted"), c.scheme());
        assertTrue(c.programText().contains("hash.psd2") && !c.programText().contains("u128"), "the old program");
        assertEquals(CommittedWeights.of(QuantizedGraphBuilder.build(session.graph(), new QuantSpecJson().fromJson(spec, "q")))
                .commitment(text -> FAKE.apply("psd2", text)), c.commitment());

        ModelCheck format1 = ModelChecks.of(IRIS_TINY, spec, null, bundle(null, spec), FAKE, null);
        assertTrue(format1.scheme().contains("predates recorded schemes"), format1.scheme());
    }

    /**
     * Scheme /1 bundles re-derive their verifying key from the program recompiled with /1: its text must stay
     * byte for byte what /1 generated when those bundles were made (golden legacy/iris-tiny-scheme1, the
     * program text of the /1 era's golden private-committed iris-tiny).
     */
    @Test
    void schemeOneStillCompilesToTheProgramItsBundlesWereMadeWith() throws Exception {
        ModelSession session = ModelSession.open(IRIS_TINY, null);
        String spec = new QuantSpecJson().toJson(session.calibrate());
        ProofBundle b = bundle(PackedWeights.SCHEME + " (public output)", spec);
        ModelCheck one = ModelChecks.of(IRIS_TINY, spec, null, b, FAKE, WeightsSalt.parse("abc"));
        // The same program: only field literals are spelled shorter now (-Nfield), the same constants and circuit.
        assertEquals(GoldenFiles.read("legacy/iris-tiny-scheme1", "main.aleo"),
                io.zkml.workbench.codegen.AleoPrinter.canonicalFieldLiterals(one.programText()));
        ModelCheck two = ModelChecks.of(IRIS_TINY, spec, null, bundle(PackedInput.SCHEME + " (public output)", spec), FAKE,
                WeightsSalt.parse("abc"));
        assertTrue(two.programText().contains("input r0 as [u128; ") && !two.programText().contains("input r1 "),
                "scheme /2: one input");
        assertEquals(one.commitment(), two.commitment(), "/2 commits to what /1 did: salt and weights only");
    }

    @Test
    void aSaltedBundleNeedsTheSaltAndAWrongSaltGivesAnotherCommitment() throws Exception {
        ModelSession session = ModelSession.open(IRIS_TINY, null);
        String spec = new QuantSpecJson().toJson(session.calibrate());
        ProofBundle b = bundle(PackedWeights.SCHEME + " (public output)", spec);
        ModelCheck none = ModelChecks.of(IRIS_TINY, spec, null, b, FAKE, null);
        assertNull(none.commitment());
        assertTrue(none.scheme().contains("--salt"), none.scheme());
        assertTrue(none.programText().contains("hash.psd8") && none.programText().contains("u128"), "the packed program");
        ModelCheck right = ModelChecks.of(IRIS_TINY, spec, null, b, FAKE, WeightsSalt.parse("abc"));
        ModelCheck wrong = ModelChecks.of(IRIS_TINY, spec, null, b, FAKE, WeightsSalt.parse("abd"));
        assertNotEquals(right.commitment(), wrong.commitment());
        assertEquals(right.programText(), wrong.programText(), "the committed program does not depend on the salt");

        ModelCheck unknown = ModelChecks.of(IRIS_TINY, spec, null, bundle("some future scheme", spec), FAKE, null);
        assertTrue(unknown.scheme().contains("unknown commitment scheme"), unknown.scheme());
    }
}
