package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.session.ModelSession;
import picocli.CommandLine.Option;

/** Options that decide which program a model becomes: shared by export, cost and prove. */
final class CompileOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Aleo program name (without .aleo); default: from the model file name.")
    String name;

    @Option(names = "--weights", paramLabel = "MODE", defaultValue = "constant",
            description = "How weights enter the program; supported: constant (weights are constants in the program text).")
    String weights;

    @Option(names = "--consensus", paramLabel = "VERSION", defaultValue = "V19",
            description = "snarkVM consensus version whose limits to check: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ConsensusVersion consensus;

    AleoLimits limits() {
        return AleoLimits.at(consensus == null ? ConsensusVersion.LATEST : consensus);
    }

    CompiledModel compile(ModelInputs inputs, ModelSession session) {
        if (!"constant".equals(weights)) {
            throw new WorkbenchException("--weights " + weights + " is not supported yet; supported: constant "
                    + "(weights compiled into the program as constants)");
        }
        SpecSource spec = SpecSource.of(inputs, session);
        return new ModelCompiler(limits(), CostModel.bundled(), ToolVersion.current())
                .compile(session, spec.spec(), spec.json(), name);
    }
}
