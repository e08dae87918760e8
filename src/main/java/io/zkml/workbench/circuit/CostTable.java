package io.zkml.workbench.circuit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measured circuit costs: {@code fixed} is a function with one private {@code [i32; 4u32]}
 * input and no output; {@code costs} maps {@link CostKeys} (instructions, and input/output
 * shapes relative to that reference) to their exact increments. {@code aliases} name keys that
 * were not measured but are taken to cost the same as another (documented in docs/ENCODING.md).
 */
public record CostTable(String source, CircuitInfo fixed, Map<String, CircuitInfo> costs, Map<String, String> aliases) {

    public static final String RESOURCE = "cost-table.json";

    public CostTable {
        costs = Map.copyOf(costs);
        aliases = Map.copyOf(aliases);
    }

    public Optional<CircuitInfo> cost(String key) {
        CircuitInfo c = costs.get(key);
        if (c == null && aliases.containsKey(key)) {
            c = costs.get(aliases.get(key));
        }
        return Optional.ofNullable(c);
    }

    /** The table shipped with the tool. */
    public static CostTable bundled() {
        try (InputStream in = CostTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the cost table resource " + RESOURCE + " is missing from the build");
            }
            return new ObjectMapper().readValue(in, CostTable.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cost table", e);
        }
    }

    public String toJson() {
        try {
            // Sorted keys (the record's maps are immutable copies with a per-JVM iteration order),
            // so a re-measured table differs from the shipped one only where a cost changed.
            Map<String, Object> sorted = new java.util.LinkedHashMap<>();
            sorted.put("source", source);
            sorted.put("fixed", fixed);
            sorted.put("costs", new TreeMap<>(costs));
            sorted.put("aliases", new TreeMap<>(aliases));
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sorted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
