package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.importer.ModelImportException;
import java.nio.file.Path;
import onnx.Onnx;

/**
 * Reads an ONNX model file into the graph model: the protobuf within {@link OnnxLimits}, the IR and
 * ai.onnx opset versions checked against the range the mapping implements, then the graph mapped
 * by {@link OnnxGraphConverter}. Every refusal is a {@link ModelImportException} naming the file and,
 * when one node is to blame, the node (index, name, op type).
 */
public final class OnnxImporter {

    public OnnxImport importFile(Path file, String modelName) throws ModelImportException {
        return importModel(file, modelName, OnnxModelReader.read(file));
    }

    /** Maps a model already read from {@code file} (named in messages). */
    OnnxImport importModel(Path file, String modelName, Onnx.ModelProto model) throws ModelImportException {
        long ir = model.getIrVersion();
        if (ir < OnnxLimits.MIN_IR_VERSION || ir > OnnxLimits.MAX_IR_VERSION) {
            throw new ModelImportException(file, "ONNX IR version " + ir + " is outside the "
                    + OnnxLimits.MIN_IR_VERSION + ".." + OnnxLimits.MAX_IR_VERSION + " the workbench reads; re-export"
                    + " with an ONNX release between 1.3 and 1.16 (e.g. torch.onnx.export(..., opset_version=17))");
        }
        int opset = opset(file, model);
        if (!model.hasGraph()) {
            throw new ModelImportException(file, "the ONNX model has no graph; re-export it");
        }
        if (model.getFunctionsCount() > 0) {
            throw new ModelImportException(file, "the model defines " + model.getFunctionsCount() + " local functions;"
                    + " export it with functions inlined");
        }
        return new OnnxGraphConverter(file, opset).convert(modelName, model.getGraph());
    }

    private static int opset(Path file, Onnx.ModelProto model) throws ModelImportException {
        Long version = null;
        for (Onnx.OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                version = o.getVersion();
            }
        }
        if (version == null) {
            throw new ModelImportException(file, "the model imports no ai.onnx opset; re-export it with opset "
                    + OnnxLimits.MIN_OPSET + ".." + OnnxLimits.MAX_OPSET);
        }
        if (version < OnnxLimits.MIN_OPSET || version > OnnxLimits.MAX_OPSET) {
            throw new ModelImportException(file, "ai.onnx opset " + version + " is outside the " + OnnxLimits.MIN_OPSET
                    + ".." + OnnxLimits.MAX_OPSET + " the workbench reads; export with opset 17 (e.g."
                    + " torch.onnx.export(..., opset_version=17))");
        }
        return version.intValue();
    }
}
