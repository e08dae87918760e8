package io.zkml.workbench.importer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a model file could not be imported, phrased for the person who picked the file: the
 * message always names the file and, when one layer is to blame, that layer. Checked, because
 * every caller (UI, CLI) must show it rather than let a stack trace through.
 */
public class ModelImportException extends Exception {

    private final transient Path file;
    private final transient LayerRef layer;

    public ModelImportException(Path file, String message) {
        this(file, null, message, null);
    }

    public ModelImportException(Path file, String message, Throwable cause) {
        this(file, null, message, cause);
    }

    public ModelImportException(Path file, LayerRef layer, String message) {
        this(file, layer, message, null);
    }

    public ModelImportException(Path file, LayerRef layer, String message, Throwable cause) {
        super(compose(file, layer, message), cause);
        this.file = file;
        this.layer = layer;
    }

    private static String compose(Path file, LayerRef layer, String message) {
        return file + (layer == null ? "" : ", " + layer) + ": " + message;
    }

    public Path file() {
        return file;
    }

    public Optional<LayerRef> layer() {
        return Optional.ofNullable(layer);
    }

    /** The layer index in a MultiLayerNetwork, or -1 when not about one indexed layer. */
    public int layerIndex() {
        return layer == null ? -1 : layer.index();
    }

    public Optional<String> layerName() {
        return layer().map(LayerRef::name);
    }

    public Optional<String> layerClass() {
        return layer().map(LayerRef::className);
    }
}
