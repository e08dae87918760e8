package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import picocli.CommandLine.Option;

/** Options that decide which program a model becomes: shared by export, cost and prove. */
final class CompileOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Aleo program name (without .aleo); default: from the model file name.")
    String name;

    @Option(names = "--weights", paramLabel = "MODE", defaultValue = "constant",
            description = "How weights enter the program: constant (constants in the program text), private-committed "
                    + "(private inputs; the program outputs a public Poseidon commitment to them) or pinned (private "
                    + "inputs that must hash to the commitment compiled into the program).")
    String weights;

    @Option(names = "--consensus", paramLabel = "VERSION", defaultValue = "V19",
            description = "snarkVM consensus version whose limits to check: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ConsensusVersion consensus;

    AleoLimits limits() {
        return AleoLimits.at(consensus == null ? ConsensusVersion.LATEST : consensus);
    }

    CompiledModel compile(ModelInputs inputs, ModelSession session) {
        return compile(inputs, session, null);
    }

    /** @param shared a sidecar the caller keeps running (tests, one per run); null: start one for the pinned hash */
    CompiledModel compile(ModelInputs inputs, ModelSession session, SidecarClient shared) {
        WeightsMode mode;
        try {
            mode = WeightsMode.parse(weights);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("--weights: " + e.getMessage(), e);
        }
        SpecSource spec = SpecSource.of(inputs, session);
        ModelCompiler compiler = new ModelCompiler(limits(), CostModel.bundled(), ToolVersion.current());
        if (mode != WeightsMode.PINNED) {
            return compiler.compile(session, spec.spec(), spec.json(), name, mode, null);
        }
        // The pinned commitment is Poseidon over the weights, which only snarkVM (the sidecar) computes.
        if (shared != null) {
            return compiler.compile(session, spec.spec(), spec.json(), name, mode,
                    text -> shared.hash("psd2", text, "field"));
        }
        try (SidecarClient client = new SidecarClient()) {
            return compiler.compile(session, spec.spec(), spec.json(), name, mode,
                    text -> client.hash("psd2", text, "field"));
        }
    }
}
