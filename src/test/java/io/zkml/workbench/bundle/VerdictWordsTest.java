package io.zkml.workbench.bundle;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one report the CLI and the audit window render as it is: a VALID statement without the model says how to
 * check the provenance in both places. It said "pass --model and --quant to check it", in the window too, where
 * the way is its Check against model… button. The recorded iris-tiny bundle's claims, with the proof check taken
 * as passed (the verifier's snarkVM part runs in the snarkVM tier).
 */
class VerdictWordsTest {

    @Test
    void aValidVerdictWithoutTheModelNamesTheFlagAndTheButton() {
        ProofBundle b = ProofBundle.read(Path.of("src/test/resources/io/zkml/workbench/ui/iris-tiny-row0.zip"));
        ClaimChecks.Result claims = ClaimChecks.run(b, Optional.empty());
        List<VerificationReport.Check> checks = new ArrayList<>(claims.checks());
        checks.add(new VerificationReport.Check("proof", true, "taken as accepted here"));
        VerificationReport r = ReportParts.build("row0.zip", b, claims, checks, Optional.empty(), "not tied to the program");

        assertEquals(VerificationReport.Outcome.VALID, r.outcome(), r.checks().toString());
        assertTrue(r.statement().endsWith("is the bundle's claim; check it against your copy of the model (zkml verify"
                + " --model MODEL [--quant SPEC], or Check against model… in the audit window)."), r.statement());
        assertTrue(r.notEstablished().get(0).contains("Check against model… in the audit window"), r.notEstablished().get(0));
        assertFalse(r.statement().contains("pass --model"), r.statement());
    }
}
