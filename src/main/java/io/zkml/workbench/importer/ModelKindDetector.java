package io.zkml.workbench.importer;

import io.zkml.workbench.importer.onnx.OnnxModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decides the model kind from the file content, never from the extension: users rename files,
 * and a ".zip" that is really an .h5 (or a text file) must get a precise answer.
 */
public final class ModelKindDetector {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** DL4J writes the network configuration under this entry name. */
    static final String CONFIGURATION_ENTRY = "configuration.json";

    public ModelKind detect(Path file) throws ModelImportException {
        if (!Files.exists(file)) {
            throw new ModelImportException(file, "file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelImportException(file, "not a readable file");
        }
        byte[] head = readHead(file, 8);
        if (startsWith(head, ZIP_MAGIC)) {
            return detectDl4jZip(file);
        }
        if (hasHdf5Signature(file)) {
            return ModelKind.KERAS_HDF5;
        }
        if (OnnxModelReader.looksLikeOnnx(head)) {
            return ModelKind.ONNX;
        }
        throw notAModel(file, "it starts with neither the zip signature 'PK', the HDF5 signature nor an ONNX"
                + " model's ir_version field");
    }

    static ModelImportException notAModel(Path file, String why) {
        return new ModelImportException(file, file.getFileName() + " is not a DL4J model zip, a Keras .h5 file nor an"
                + " ONNX model: " + why + "; save the network with ModelSerializer.writeModel, Keras"
                + " model.save('model.h5') or torch.onnx.export");
    }

    private static ModelKind detectDl4jZip(Path file) throws ModelImportException {
        return Dl4jZip.read(file).kind();
    }

    /** HDF5 allows a user block, so the signature may sit at offset 0, 512, 1024, 2048, ... */
    private static boolean hasHdf5Signature(Path file) throws ModelImportException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            for (long offset = 0; offset + HDF5_MAGIC.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                ByteBuffer buf = ByteBuffer.allocate(HDF5_MAGIC.length);
                ch.position(offset);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // keep reading until the signature length is filled
                }
                if (Arrays.equals(buf.array(), HDF5_MAGIC)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readHead(Path file, int n) throws ModelImportException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }
}
