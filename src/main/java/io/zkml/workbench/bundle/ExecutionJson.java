package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The parts of snarkVM's execution JSON that a bundle's claims are checked against. */
public record ExecutionJson(String program, String function, List<String> publicOutputs, int transitions) {

    public static ExecutionJson parse(String execution) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(execution);
        } catch (IOException e) {
            throw new WorkbenchException("execution.json is not JSON: " + e.getMessage(), e);
        }
        JsonNode ts = root.path("transitions");
        if (!ts.isArray() || ts.isEmpty()) {
            throw new WorkbenchException("execution.json has no transitions");
        }
        JsonNode t = ts.get(ts.size() - 1);
        List<String> outs = new ArrayList<>();
        for (JsonNode o : t.path("outputs")) {
            if ("public".equals(o.path("type").asText())) {
                outs.add(o.path("value").asText());
            }
        }
        return new ExecutionJson(t.path("program").asText(), t.path("function").asText(), outs, ts.size());
    }
}
