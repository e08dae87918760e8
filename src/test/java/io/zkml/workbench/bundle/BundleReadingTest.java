package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.codegen.WeightsMode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading untrusted bundles: each hostile variant of a real bundle ends in a clear refusal naming
 * the problem, within a bound on memory (counted as bytes this thread allocates, not time).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BundleReadingTest {

    /** Far below the gigabytes the unbounded reader allocated for these inputs. */
    private static final long MEMORY_BOUND = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void theFormatOneFixtureStillReadsAndItsWeightsModeIsInferredOnlyForFormatOne() throws Exception {
        ProofBundle b = ProofBundle.read(BundleZips.FIXTURE);
        assertEquals(1, b.manifest().formatVersion());
        assertEquals(WeightsMode.CONSTANT, ModelChecks.weightsMode(b));
        // Format 2 records the mode; it is read, not inferred from the program text (which has no pin).
        ProofBundle two = readZip(BundleZips.withManifest(m -> m.put("formatVersion", 2).put("weightsMode", "pinned")));
        assertEquals(WeightsMode.PINNED, ModelChecks.weightsMode(two));
        ClaimChecks.Result r = ClaimChecks.run(b, Optional.empty());
        assertTrue(r.checks().stream().allMatch(c -> Boolean.TRUE.equals(c.passed())), r.checks().toString());
        assertEquals(java.util.List.of("[i16; 4u32]"), r.inputTypes());
    }

    @Test
    void anUnknownWeightsModeIsMalformed() {
        assertMalformed(BundleZips.withManifest(m -> m.put("formatVersion", 2).put("weightsMode", "secret")), "weightsMode");
    }

    @Test
    void aZipBombIsRefusedWithoutInflatingIt() {
        byte[] bomb = BundleZips.bomb(ProofBundle.EXECUTION, 1L << 29);
        assertTrue(bomb.length < BundleLimits.DEFAULT.maxFileBytes(), "the bomb itself is small: " + bomb.length);
        BundleRejectedException e = bounded(() -> assertThrows(BundleRejectedException.class,
                () -> ProofBundle.readZip(bomb, "bomb.zip", BundleLimits.DEFAULT)));
        assertTrue(e.malformed());
        assertTrue(e.getMessage().contains("zip bomb") && e.getMessage().contains("execution.json"), e.getMessage());
    }

    @Test
    void aHighlyCompressedEntryUnderTheSizeCapIsRefusedByItsRatio() {
        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> ProofBundle.readZip(BundleZips.bomb(ProofBundle.LEO, 6L << 20), "ratio.zip", BundleLimits.DEFAULT));
        assertTrue(e.getMessage().contains("inflates") && e.getMessage().contains("main.leo"), e.getMessage());
    }

    @Test
    void aHugeDeclaredArrayIsRefusedBeforeAnythingIsBuiltFromIt() {
        String huge = "[i16; 2000000000u32]";
        assertMalformed(BundleZips.withManifest(m -> m.putArray("inputTypes").add(huge)), "2000000000");
        // The same type in the program text fails a check, and no input is built from it.
        ProofBundle b = ProofBundle.read(BundleZips.FIXTURE);
        String program = b.mainAleo().replace("input r0 as [i16; 4u32].private;", "input r0 as " + huge + ".private;");
        ProofBundle p = new ProofBundle(b.manifest(), program, b.mainLeo(), b.execution(), b.verifyingKey(), b.quantJson());
        ClaimChecks.Result r = bounded(() -> ClaimChecks.run(p, Optional.empty()));
        assertTrue(r.checks().stream().anyMatch(c -> c.name().equals("input types") && c.failed()
                && c.detail().contains("2000000000")), r.checks().toString());
        assertThrows(IllegalArgumentException.class, () -> ProgramInputs.zeros(program, "main"));
        // Nested arrays multiply: each level is within Aleo's 2048, the product is not accepted either.
        assertThrows(IllegalArgumentException.class, () -> AleoTypes.parse("[[[i8; 2048u32]; 2048u32]; 2048u32]"));
    }

    @Test
    void freeTextOrAMalformedTypeInTheInputTypesIsRefused() {
        assertMalformed(BundleZips.withManifest(m -> m.putArray("inputTypes").add("four measurements of a flower")),
                "not an Aleo type");
        assertMalformed(BundleZips.withManifest(m -> m.putArray("inputTypes").add("[i16; 4u32")), "inputTypes");
        assertMalformed(BundleZips.withManifest(m -> m.putArray("inputTypes").add("[i16; 4]")), "Nu32");
        assertMalformed(BundleZips.withManifest(m -> m.putArray("inputTypes").add("[i16; 0u32]")), "1 to 2048");
        assertMalformed(BundleZips.withManifest(m -> ((ObjectNode) m.path("decoded").path("format"))
                .putArray("aleoTypes").add("u8; drop table")), "decoded.format.aleoTypes");
        assertEquals(4, AleoTypes.parse("[i16; 4u32]").elements());
        assertEquals(12, AleoTypes.parse("[[i8; 3u32]; 4u32]").elements());
    }

    /**
     * An auto-tuned spec may give the output a negative scale (iris-mlp tuned for committed weights: -2); the
     * prover wrote such bundles and the reader refused them. The spec's own range is what a bundle may hold.
     */
    @Test
    void anOutputScaleIsReadInTheSpecsFracBitsRange() {
        ProofBundle negative = readZip(BundleZips.withManifest(m -> ((ObjectNode) m.path("decoded").path("format"))
                .put("fracBits", -2)));
        assertEquals(-2, negative.manifest().decoded().format().fracBits());
        assertMalformed(BundleZips.withManifest(m -> ((ObjectNode) m.path("decoded").path("format"))
                .put("fracBits", LayerQuant.MIN_FRAC_BITS - 1)), "decoded.format.fracBits");
        assertMalformed(BundleZips.withManifest(m -> ((ObjectNode) m.path("decoded").path("format"))
                .put("fracBits", LayerQuant.MAX_FRAC_BITS + 1)), "decoded.format.fracBits");
    }

    @Test
    void removedOrNullOutputsAreMalformedNotACrash() {
        assertMalformed(BundleZips.withManifest(m -> m.remove("publicOutputs")), "publicOutputs");
        assertMalformed(BundleZips.withManifest(m -> m.putNull("publicOutputs")), "publicOutputs");
        assertMalformed(BundleZips.withManifest(m -> m.putArray("publicOutputs").addNull()), "publicOutputs");
        assertMalformed(BundleZips.withManifest(m -> m.remove("inputTypes")), "inputTypes");
        assertMalformed(BundleZips.withManifest(m -> m.remove("programId")), "programId");
    }

    @Test
    void duplicateEntriesAreRefused() {
        BundleRejectedException e = assertThrows(BundleRejectedException.class, () -> ProofBundle.readZip(
                BundleZips.withDuplicateManifest("{\"formatVersion\":1}"), "dup.zip", BundleLimits.DEFAULT));
        assertTrue(e.malformed());
        assertTrue(e.getMessage().contains("'manifest.json' twice"), e.getMessage());
        // Duplicate keys inside the manifest are just as ambiguous.
        String manifest = new String(BundleZips.entries(BundleZips.FIXTURE).get(ProofBundle.MANIFEST));
        String twice = manifest.replaceFirst("\\{", "{\"row\" : 7,");
        assertMalformed(BundleZips.withEntry(ProofBundle.MANIFEST, twice), "row");
    }

    @Test
    void aNewerFormatIsRefusedAsUnreadable() {
        BundleRejectedException e = assertThrows(BundleRejectedException.class, () -> readZip(
                BundleZips.withManifest(m -> m.put("formatVersion", 99))));
        assertFalse(e.malformed(), "a newer format is not a broken bundle; it cannot be read here");
        assertTrue(e.getMessage().contains("format 99") && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void emptyOrNonZipFilesAreUnreadable() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        BundleRejectedException e = assertThrows(BundleRejectedException.class, () -> ProofBundle.read(empty));
        assertFalse(e.malformed());
        assertTrue(e.getMessage().contains("empty.zip") && e.getMessage().contains("0 bytes"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        assertFalse(assertThrows(BundleRejectedException.class, () -> ProofBundle.read(junk)).malformed());
        Path missing = BundleZips.write(dir, "partial.zip", BundleZips.zip(java.util.Map.of(ProofBundle.MANIFEST,
                BundleZips.entries(BundleZips.FIXTURE).get(ProofBundle.MANIFEST))));
        BundleRejectedException m = assertThrows(BundleRejectedException.class, () -> ProofBundle.read(missing));
        assertTrue(m.malformed() && m.getMessage().contains("main.aleo is missing"), m.getMessage());
    }

    private static ProofBundle readZip(byte[] zip) {
        return ProofBundle.readZip(zip, "test.zip", BundleLimits.DEFAULT);
    }

    private static void assertMalformed(byte[] zip, String named) {
        BundleRejectedException e = bounded(() -> assertThrows(BundleRejectedException.class, () -> readZip(zip)));
        assertTrue(e.malformed(), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    /** Runs {@code work} and asserts this thread allocated less than {@link #MEMORY_BOUND} doing it. */
    static <T> T bounded(Supplier<T> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        T result = work.get();
        long used = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(used < MEMORY_BOUND, "allocated " + (used >> 20) + " MB");
        return result;
    }
}
