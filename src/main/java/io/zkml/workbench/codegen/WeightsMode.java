package io.zkml.workbench.codegen;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a model's weights enter the generated program. */
public enum WeightsMode {
    /** Constants in the program text: free in the field, but the program reveals the model. */
    CONSTANT("constant"),
    /** Private input arrays; the function outputs a public Poseidon commitment to them. */
    PRIVATE_COMMITTED("private-committed"),
    /** Private input arrays that must hash to a commitment compiled into the program. */
    PINNED("pinned");

    private final String cliName;

    WeightsMode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean privateWeights() {
        return this != CONSTANT;
    }

    public static WeightsMode parse(String name) {
        for (WeightsMode m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown weights mode '" + name + "'; known: "
                + Arrays.stream(values()).map(WeightsMode::cliName).collect(Collectors.joining(", ")));
    }
}
