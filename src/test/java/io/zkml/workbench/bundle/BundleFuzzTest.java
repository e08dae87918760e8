package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.bundle.VerificationReport.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzzing of the stages of verification that need no snarkVM: reading the zip, validating
 * the manifest, checking the claims and building the report (the proof check itself is minutes
 * per case; {@code UntrustedBundleSnarkVmTest} runs a few mutated bundles through it). Every
 * mutated bundle must end in a refusal with a message or in a report; an internal exception is a
 * failure, and the class-level timeout catches a hang.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BundleFuzzTest {

    private static final int CASES = 1_200;
    private static final long SEED = 20261204L;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code -Dzkml.fuzz.seed=N} and {@code -Dzkml.fuzz.scale=K} run another or a longer campaign (docs/TESTING.md). */
    @Test
    void mutatedBundlesEndInARefusalOrAReport() {
        Map<String, byte[]> original = BundleZips.entries(BundleZips.FIXTURE);
        byte[] zip = BundleZips.zip(original);
        Random random = new Random(Long.getLong("zkml.fuzz.seed", SEED));
        int cases = Integer.getInteger("zkml.fuzz.scale", 1) * CASES;
        int refused = 0;
        int reported = 0;
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int i = 0; i < cases; i++) {
            String kind = switch (i % 4) {
                case 0 -> "byte flips";
                case 1 -> "truncation";
                case 2 -> "entry swap";
                default -> "manifest mutation";
            };
            byte[] mutated = switch (i % 4) {
                case 0 -> flip(zip, random);
                case 1 -> java.util.Arrays.copyOf(zip, random.nextInt(zip.length));
                case 2 -> swap(original, random);
                default -> BundleZips.zip(withMutatedManifest(original, random));
            };
            kinds.merge(kind, 1, Integer::sum);
            try {
                ProofBundle b = ProofBundle.readZip(mutated, "case-" + i + ".zip", BundleLimits.DEFAULT);
                ClaimChecks.Result r = ClaimChecks.run(b, Optional.empty());
                List<Check> checks = new ArrayList<>(r.checks());
                // The proof check is not run here; recorded as not run so the report is not VALID by omission.
                checks.add(new Check("proof", null, "not run in the fuzz test"));
                VerificationReport report = ReportParts.build("case-" + i, b, r, checks, Optional.empty(), "not checked");
                assertFalse(report.valid(), "case " + i);
                assertTrue(report.proven().isEmpty(), "case " + i + ": nothing is proven without a proof check");
                assertNotNull(AuditReport.html(b, report));
                reported++;
            } catch (BundleRejectedException e) {
                assertTrue(e.getMessage() != null && e.getMessage().contains("case-" + i), "case " + i + ": " + e.getMessage());
                refused++;
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (" + kind + ") ended in an internal error: " + e, e);
            }
        }
        System.out.printf("[fuzz] %d cases %s: %d refused, %d reported%n", cases, kinds, refused, reported);
        assertEquals(cases, refused + reported);
        assertTrue(refused > 0 && reported > 0, "both stages were reached: " + refused + " refused, " + reported + " reported");
    }

    private static byte[] flip(byte[] zip, Random random) {
        byte[] m = zip.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return m;
    }

    /** Two entries' contents exchanged (or one entry's content given to another name). */
    private static byte[] swap(Map<String, byte[]> original, Random random) {
        List<String> names = new ArrayList<>(original.keySet());
        Map<String, byte[]> m = new LinkedHashMap<>(original);
        String a = names.get(random.nextInt(names.size()));
        String b = names.get(random.nextInt(names.size()));
        m.put(a, original.get(b));
        if (random.nextBoolean()) {
            m.put(b, original.get(a));
        }
        return BundleZips.zip(m);
    }

    private Map<String, byte[]> withMutatedManifest(Map<String, byte[]> original, Random random) {
        Map<String, byte[]> m = new LinkedHashMap<>(original);
        try {
            ObjectNode manifest = (ObjectNode) json.readTree(original.get(ProofBundle.MANIFEST));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                mutate(manifest, random);
            }
            m.put(ProofBundle.MANIFEST, json.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Changes one field somewhere in the tree: removed, nulled, retyped, or given a hostile value. */
    private void mutate(ObjectNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        if (fields.isEmpty()) {
            return;
        }
        String f = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(9)) {
            case 0 -> target.remove(f);
            case 1 -> target.putNull(f);
            case 2 -> target.put(f, random.nextInt());
            case 3 -> target.put(f, Long.MAX_VALUE);
            case 4 -> target.put(f, "[i16; " + random.nextInt(Integer.MAX_VALUE) + "u32]");
            case 5 -> target.put(f, "x".repeat(random.nextInt(5_000)));
            case 6 -> target.putArray(f).add("u8").add(random.nextInt()).addNull();
            case 7 -> target.putObject(f).put("kind", "class");
            default -> {
                JsonNode v = target.get(f);
                if (v instanceof ArrayNode a && !a.isEmpty()) {
                    a.set(random.nextInt(a.size()), json.getNodeFactory().textNode("class " + random.nextInt(9)));
                } else {
                    target.put(f, -1);
                }
            }
        }
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        n.forEach(child -> collect(child, out));
    }
}
