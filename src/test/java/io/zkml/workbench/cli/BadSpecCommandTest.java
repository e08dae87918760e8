package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.quant.QuantSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs that parse but do not fit the model: exit 1 naming the layer, never an internal error. */
class BadSpecCommandTest {

    @TempDir
    Path tmp;

    private Path calibrated() {
        Path spec = tmp.resolve("iris.quant.json");
        CliRunner.Result r = CliRunner.run(null, "calibrate", "sample-models/iris-tiny.zip", "--out", spec.toString());
        assertEquals(0, r.exit(), r.err());
        return spec;
    }

    private void failsWithUserError(Path spec, String... words) {
        for (String command : new String[] {"cost", "simulate"}) {
            CliRunner.Result r = command.equals("simulate")
                    ? CliRunner.run(null, command, "sample-models/iris-tiny.zip", "--quant", spec.toString(),
                            "--input", "5.1,3.5,1.4,0.2")
                    : CliRunner.run(null, command, "sample-models/iris-tiny.zip", "--quant", spec.toString());
            assertEquals(ZkmlCli.USER_ERROR, r.exit(), command + ": " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
            for (String w : words) {
                assertTrue(r.err().contains(w), command + " should mention " + w + ":\n" + r.err());
            }
        }
    }

    @Test
    void aMissingLayerEntryIsNamed() throws Exception {
        Path spec = calibrated();
        var parsed = new QuantSpecJson().read(spec);
        String layer = parsed.layers().keySet().iterator().next();
        var m = new java.util.LinkedHashMap<>(parsed.layers());
        m.remove(layer);
        Path missing = tmp.resolve("missing.json");
        Files.writeString(missing, new QuantSpecJson().toJson(new io.zkml.workbench.quant.QuantSpec(
                parsed.version(), parsed.inputFracBits(), parsed.inputBits(), parsed.foldBatchNorm(), m)));
        failsWithUserError(missing, "missing.json", "no entry for node " + layer, "calibrate");
    }

    @Test
    void anOutOfRangeInputScaleIsNamed() throws Exception {
        Path spec = calibrated();
        String text = Files.readString(spec).replaceFirst("\"inputFracBits\" : -?\\d+", "\"inputFracBits\" : 200");
        Path bad = Files.writeString(tmp.resolve("frac.json"), text);
        failsWithUserError(bad, "frac.json", "inputFracBits", "-16..48");
    }
}
