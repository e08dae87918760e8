package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of snarkVM's execution JSON that a bundle's claims are checked against: the last
 * transition (the function proven; in a multi-program execution, the entry) and every transition.
 *
 * @param steps every transition in the execution's order, the last one being {@code program}/{@code function}
 */
public record ExecutionJson(String program, String function, List<String> publicOutputs, int transitions,
                            List<Step> steps) {

    public ExecutionJson {
        publicOutputs = List.copyOf(publicOutputs);
        steps = List.copyOf(steps);
    }

    /** One transition: its program, function and public outputs. */
    public record Step(String program, String function, List<String> publicOutputs) {
        public Step {
            publicOutputs = List.copyOf(publicOutputs);
        }

        public String name() {
            return program + "/" + function;
        }
    }

    public static ExecutionJson parse(String execution) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(execution);
        } catch (IOException e) {
            throw new WorkbenchException("execution.json is not JSON: " + e.getMessage(), e);
        }
        JsonNode ts = root == null ? null : root.path("transitions");
        if (ts == null || !ts.isArray() || ts.isEmpty()) {
            throw new WorkbenchException("execution.json has no transitions");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode t : ts) {
            List<String> outs = new ArrayList<>();
            for (JsonNode o : t.path("outputs")) {
                if ("public".equals(o.path("type").asText())) {
                    outs.add(o.path("value").asText());
                }
            }
            steps.add(new Step(t.path("program").asText(), t.path("function").asText(), outs));
        }
        Step last = steps.get(steps.size() - 1);
        return new ExecutionJson(last.program(), last.function(), last.publicOutputs(), steps.size(), steps);
    }
}
