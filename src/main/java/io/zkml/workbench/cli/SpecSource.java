package io.zkml.workbench.cli;

import io.zkml.workbench.io.BoundedText;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;

/**
 * The spec and its exact JSON text: programs carry the hash of the text, so an export must hash
 * the file as saved (not a re-serialisation), and a calibrated default hashes as it is written out.
 * A project's spec hashes as the workbench writes it ({@link QuantSpecJson#toJson}), so the same
 * project gives the same program in the workbench and headless.
 */
record SpecSource(QuantSpec spec, String json) {

    static SpecSource of(ModelInputs inputs, ModelSession session) {
        return of(inputs, inputs.spec(session));
    }

    /** {@code spec} as {@link ModelInputs#spec} gave it, with its text. */
    static SpecSource of(ModelInputs inputs, QuantSpec spec) {
        if (inputs.quant == null) {
            return new SpecSource(spec, new QuantSpecJson().toJson(spec));
        }
        try {
            return new SpecSource(spec, BoundedText.read(inputs.quant));
        } catch (IOException e) {
            throw new WorkbenchException(inputs.quant + ": cannot read the quantization spec: " + e.getMessage(), e);
        }
    }
}
