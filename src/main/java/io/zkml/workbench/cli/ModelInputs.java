package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.quant.SpecFit;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments most commands share: the model, its dataset and an optional quant spec. When
 * no spec is given the calibration default is used, so every command works on a bare model.
 */
final class ModelInputs {

    @Parameters(index = "0", paramLabel = "MODEL", description = "DL4J model zip or Keras .h5 file.")
    Path model;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Dataset CSV (features first, label/target last, one header row). "
                    + "Default for bundled samples: their committed test split.")
    Path data;

    @Option(names = "--quant", paramLabel = "QUANT_JSON", description = "Quantization spec; default: calibrate on the dataset.")
    Path quant;

    ModelSession open() throws ModelImportException, DatasetException {
        return ModelSession.open(model, data);
    }

    QuantSpec spec(ModelSession session) {
        if (quant == null) {
            return session.calibrate();
        }
        if (!Files.exists(quant)) {
            throw new WorkbenchException(quant + ": quantization spec not found; create one with "
                    + "`zkml calibrate MODEL --out " + quant + "`");
        }
        try {
            QuantSpec spec = new QuantSpecJson().read(quant);
            SpecFit.require(session.graph(), spec, quant.toString());
            return spec;
        } catch (IOException e) {
            throw new WorkbenchException(quant + ": cannot read the quantization spec: " + e.getMessage(), e);
        }
    }
}
