package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the {@link ModelCheck} for an auditor's own copy of a model: its hash, the spec's hash
 * and the program exporting it gives. Same steps as {@code zkml verify --model}.
 */
public final class ModelChecks {

    private ModelChecks() {
    }

    /**
     * @param specJson the spec to export with (usually the bundle's quant.json)
     * @param data     the model's dataset, only for class names; may be null
     */
    public static ModelCheck of(Path model, String specJson, Path data, String programId) {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException(model + " does not exist");
        }
        if (specJson == null || specJson.isBlank()) {
            throw new WorkbenchException("the bundle has no quant.json, so the program cannot be re-exported from the model");
        }
        String specSha = FileHashes.sha256(specJson.getBytes(StandardCharsets.UTF_8));
        String modelSha = FileHashes.sha256(model);
        String program;
        try {
            ModelSession session = ModelSession.open(model, data);
            CompiledModel c = ModelCompiler.standard().compile(session, new QuantSpecJson().fromJson(specJson, "quant spec"),
                    specJson, programId.replace(".aleo", ""));
            program = c.aleoText();
        } catch (Exception e) {
            // A model that cannot produce a program fails the check; it is not an error of the audit.
            program = "// cannot export " + model.getFileName() + " with that spec: " + e.getMessage();
        }
        return new ModelCheck(model.getFileName().toString(), modelSha, specSha, program);
    }
}
