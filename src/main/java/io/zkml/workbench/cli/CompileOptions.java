package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.codegen.WeightsSalt;
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

    @Option(names = "--salt", paramLabel = "HEX",
            description = "Salt of the hiding weights commitment (32 hex digits) for private-committed and pinned weights; "
                    + "default: a fresh random salt, which export writes to weights-salt.txt in the project.")
    String salt;

    @Option(names = "--consensus", paramLabel = "VERSION", defaultValue = "V19",
            description = "snarkVM consensus version whose limits to check: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ConsensusVersion consensus;

    AleoLimits limits() {
        return AleoLimits.at(consensus == null ? ConsensusVersion.LATEST : consensus);
    }

    CompiledModel compile(ModelInputs inputs, ModelSession session) {
        WeightsMode mode;
        try {
            mode = WeightsMode.parse(weights);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("--weights: " + e.getMessage(), e);
        }
        SpecSource spec = SpecSource.of(inputs, session);
        ModelCompiler compiler = ModelCompiler.standard();
        CompileSettings settings = new CompileSettings(mode, name, consensus).withSalt(salt(mode));
        if (mode != WeightsMode.PINNED) {
            return compiler.compileWith(session, spec.spec(), spec.json(), settings, null);
        }
        // The pinned commitment is Poseidon over the weights, which only snarkVM (the sidecar) computes.
        try (SidecarClient client = new SidecarClient()) {
            return compiler.compileWith(session, spec.spec(), spec.json(), settings,
                    (algorithm, text) -> client.hash(algorithm, text, "field"));
        }
    }

    /** --salt, or a fresh random one for private weights (none for constant weights). */
    WeightsSalt salt(WeightsMode mode) {
        if (salt != null) {
            try {
                return WeightsSalt.parse(salt);
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException("--salt: " + e.getMessage(), e);
            }
        }
        return mode.privateWeights() ? WeightsSalt.random() : null;
    }
}
