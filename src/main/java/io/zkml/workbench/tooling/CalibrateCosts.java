package io.zkml.workbench.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.circuit.CalibrationProbe;
import io.zkml.workbench.circuit.CalibrationProbes;
import io.zkml.workbench.circuit.Calibrator;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostTable;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SynthesisResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code calibrate-costs} generator:
 * <pre>
 *   probes  OUT.json                 write the probe programs (for any snarkVM runner)
 *   measure OUT.jsonl [NAME-REGEX]   synthesize each probe through the sidecar, one JSON line each
 *   table   IN.jsonl OUT.json        difference the measurements into the cost table resource
 * </pre>
 * Measuring takes a key synthesis per probe (about a minute each on two cores).
 */
public final class CalibrateCosts {

    public static final String SOURCE = "@provablehq/sdk 0.11.10 (snarkVM WASM, mainnet rules at block height 20,000,000)";
    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        new CalibrateCosts().run(args);
    }

    void run(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("probes")) {
            ArrayNode out = json.createArrayNode();
            for (CalibrationProbe p : CalibrationProbes.all()) {
                ObjectNode o = out.addObject();
                o.put("name", p.name());
                o.put("program", p.program());
                o.put("function", "main");
                p.inputs().forEach(o.putArray("inputs")::add);
            }
            Files.writeString(Path.of(args[1]), json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } else if (args.length >= 2 && args[0].equals("measure")) {
            measure(Path.of(args[1]), args.length > 2 ? args[2] : ".*");
        } else if (args.length >= 3 && args[0].equals("table")) {
            CostTable t = table(Files.readAllLines(Path.of(args[1])));
            Files.writeString(Path.of(args[2]), t.toJson());
        } else {
            throw new IllegalArgumentException("usage: probes OUT.json | measure OUT.jsonl [REGEX] | table IN.jsonl OUT.json");
        }
    }

    private void measure(Path out, String regex) throws IOException {
        try (SidecarClient client = new SidecarClient(SidecarConfig.fromEnvironment(), p -> { })) {
            for (CalibrationProbe p : CalibrationProbes.all()) {
                if (!p.name().matches(regex)) {
                    continue;
                }
                SynthesisResult r = client.synthesize(p.program(), "main", p.inputs());
                ObjectNode o = json.createObjectNode();
                o.put("name", p.name());
                o.put("program", p.program());
                o.put("constraints", r.circuit().constraints());
                o.put("variables", r.circuit().variables());
                o.put("nonZeroA", r.circuit().nonZeroA());
                o.put("nonZeroB", r.circuit().nonZeroB());
                o.put("nonZeroC", r.circuit().nonZeroC());
                Files.writeString(out, json.writeValueAsString(o) + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    /** Reads measurement lines; a line whose program text differs from the generator's is rejected. */
    public CostTable table(List<String> lines) throws IOException {
        Map<String, CalibrationProbe> probes = CalibrationProbes.byName();
        Map<String, CircuitInfo> measured = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            if (n.has("error")) {
                continue;
            }
            String name = n.get("name").asText();
            CalibrationProbe p = probes.get(name);
            if (p == null) {
                continue; // an exploratory probe the table does not use
            }
            if (n.has("program") && !n.get("program").asText().equals(p.program())) {
                throw new IllegalArgumentException("measurement '" + name + "' is of a different program than the generator's");
            }
            measured.put(name, new CircuitInfo(n.get("constraints").asLong(), n.get("variables").asLong(),
                    n.get("nonZeroA").asLong(), n.get("nonZeroB").asLong(), n.get("nonZeroC").asLong()));
        }
        return new Calibrator().calibrate(SOURCE, CalibrationProbes.all(), measured);
    }
}
