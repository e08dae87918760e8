package io.zkml.workbench.quant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantSpecJsonTest {

    private final QuantSpecJson json = new QuantSpecJson();

    private static QuantSpec sample() {
        Map<String, LayerQuant> m = new LinkedHashMap<>();
        m.put("dense0", LayerQuant.of(10, 12));
        m.put("conv", new LayerQuant(8, 20, 11, Domain.I32, Rounding.FLOOR, 12, BoundMode.CHECK,
                Approximation.poly(5), OutputMode.LOGITS));
        m.put("out", LayerQuant.of(11, 9).withApproximation(Approximation.piecewiseLinear(8)));
        return new QuantSpec(1, 13, 16, false, m);
    }

    @Test
    void roundTripThroughFile(@TempDir Path dir) throws Exception {
        QuantSpec spec = sample();
        Path file = dir.resolve("sub/model.quant.json");
        json.write(spec, file);
        QuantSpec back = json.read(file);
        assertEquals(spec, back);
        assertEquals(java.util.List.of("dense0", "conv", "out"), java.util.List.copyOf(back.layers().keySet()));
        assertTrue(Files.readString(file).contains("\"version\" : 1"));
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void derivedBiasIsOmittedAndRestoredAsNull() {
        String text = json.toJson(sample());
        QuantSpec back = json.fromJson(text, "mem");
        assertEquals(null, back.layer("dense0").biasFracBits());
        assertEquals(10 + 13, back.layer("dense0").effectiveBiasFracBits(13));
        assertEquals(20, back.layer("conv").effectiveBiasFracBits(13));
    }

    @Test
    void unknownVersionNamesFileAndVersion(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("future.json");
        Files.writeString(f, json.toJson(sample()).replace("\"version\" : 1", "\"version\" : 7"));
        var e = assertThrows(QuantSpecJson.QuantSpecFormatException.class, () -> json.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("version 7"), e.getMessage());
    }

    @Test
    void malformedJsonNamesFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"version\": 1, \"layers\": {");
        var e = assertThrows(QuantSpecJson.QuantSpecFormatException.class, () -> json.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void invalidValueIsReportedWithFile() {
        String bad = json.toJson(sample()).replace("\"activationBits\" : 12", "\"activationBits\" : 99");
        var e = assertThrows(QuantSpecJson.QuantSpecFormatException.class, () -> json.fromJson(bad, "spec.json"));
        assertTrue(e.getMessage().contains("spec.json") && e.getMessage().contains("activationBits"), e.getMessage());
    }

    private String refused(String text) {
        var e = assertThrows(QuantSpecJson.QuantSpecFormatException.class, () -> json.fromJson(text, "spec.json"));
        assertTrue(e.getMessage().startsWith("spec.json: "), e.getMessage());
        assertTrue(!e.getMessage().contains("com.fasterxml") && !e.getMessage().contains("(through reference"),
                "no Jackson internals: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void deeplyNestedJsonIsAClearError() {
        String msg = refused("{\"version\": 1, \"layers\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertTrue(msg.contains("malformed") || msg.contains("nesting"), msg);
    }

    @Test
    void fractionalVersionIsNotVersionOne() {
        String msg = refused(json.toJson(sample()).replace("\"version\" : 1", "\"version\" : 1.9"));
        assertTrue(msg.contains("version") && msg.contains("1.9"), msg);
    }

    @Test
    void inputFracBitsOutOfRangeNamesFieldAndRange() {
        for (String v : new String[] {"200", "-200"}) {
            String msg = refused(json.toJson(sample()).replace("\"inputFracBits\" : 13", "\"inputFracBits\" : " + v));
            assertTrue(msg.contains("inputFracBits") && msg.contains("-16..48") && msg.contains(v), msg);
        }
    }

    @Test
    void missingFieldNamesTheLayerAndTheField() {
        String msg = refused(json.toJson(sample()).replace("\"activationBits\" : 12,", ""));
        assertTrue(msg.contains("layer 'conv'") && msg.contains("missing field \"activationBits\"")
                && msg.contains("2..48"), msg);
        String top = refused(json.toJson(sample()).replace("\"inputBits\" : 16,", ""));
        assertTrue(top.contains("missing field \"inputBits\""), top);
    }

    @Test
    void wrongTypesAndUnknownChoicesAreNamed() {
        String msg = refused(json.toJson(sample()).replace("\"domain\" : \"I32\"", "\"domain\" : \"I33\""));
        assertTrue(msg.contains("layer 'conv'") && msg.contains("\"domain\" must be one of FIELD, I8"), msg);
        String text = refused(json.toJson(sample()).replace("\"weightFracBits\" : 8", "\"weightFracBits\" : \"8\""));
        assertTrue(text.contains("layer 'conv'") && text.contains("weightFracBits"), text);
        String unknown = refused(json.toJson(sample()).replace("\"weightFracBits\" : 8", "\"weightFracBitz\" : 8"));
        assertTrue(unknown.contains("layer 'conv'") && unknown.contains("weightFracBit"), unknown);
        String layers = refused("{\"version\": 1, \"inputFracBits\": 8, \"inputBits\": 16, \"foldBatchNorm\": true,"
                + " \"layers\": {\"d\": null}}");
        assertTrue(layers.contains("layer 'd'") && layers.contains("must be an object"), layers);
    }
}
