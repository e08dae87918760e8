package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.importer.ModelImportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;
import org.nd4j.shade.protobuf.CodedInputStream;

/**
 * Reads an ONNX file's {@code ModelProto} within {@link OnnxLimits}: the size is checked before
 * anything is parsed, the bytes are read with a bound, a linear {@link WireCheck} bounds the messages
 * and refuses repeated singular fields, and protobuf parsing runs with a nesting limit, so a hostile
 * file ends in a {@link ModelImportException}, never an OOM, a stack overflow or a parse of unbounded time.
 *
 * <p>The protobuf classes are ONNX's own {@code onnx.proto} (IR version 8) as compiled into
 * ND4J's {@code nd4j-api} (class {@code onnx.Onnx}, on ND4J's shaded protobuf-java 3.21), which
 * the workbench already ships for DL4J: no second protobuf runtime, no generated code of ours.
 * Fields a newer ONNX added are kept as unknown fields and ignored.
 */
public final class OnnxModelReader {

    /** ModelProto's first field on the wire: ir_version (field 1, varint). Writers emit fields in order. */
    static final int IR_VERSION_TAG = 0x08;

    private OnnxModelReader() {
    }

    /** Whether the file starts like a serialised ModelProto (its ir_version field). */
    public static boolean looksLikeOnnx(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == IR_VERSION_TAG && (head[1] & 0x80) == 0 && head[1] > 0;
    }

    public static Onnx.ModelProto read(Path file) throws ModelImportException {
        byte[] bytes = readBounded(file);
        try {
            new WireCheck(OnnxLimits.MAX_MESSAGES, OnnxLimits.MAX_NESTING).check(bytes, Onnx.ModelProto.getDescriptor());
        } catch (WireCheck.Refused e) {
            throw new ModelImportException(file, "not a valid ONNX model: " + e.getMessage()
                    + "; re-export it with torch.onnx.export, tf2onnx or onnx.save");
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(OnnxLimits.MAX_NESTING);
        in.setSizeLimit(bytes.length);
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
            return model;
        } catch (IOException e) {
            // InvalidProtocolBufferException, the only IOException parsing a byte array throws
            throw new ModelImportException(file, "not a valid ONNX model: the protobuf is malformed ("
                    + e.getMessage() + "); re-export it with torch.onnx.export, tf2onnx or onnx.save", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelImportException(file, "not a valid ONNX model: the protobuf could not be read ("
                    + e.getClass().getSimpleName() + "); re-export it with torch.onnx.export, tf2onnx or onnx.save", e);
        }
    }

    private static byte[] readBounded(Path file) throws ModelImportException {
        try {
            long size = Files.size(file);
            if (size > OnnxLimits.MAX_FILE_BYTES) {
                throw tooLarge(file, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The file may grow between the size check and the read: never read past the bound.
                byte[] bytes = in.readNBytes((int) OnnxLimits.MAX_FILE_BYTES + 1);
                if (bytes.length > OnnxLimits.MAX_FILE_BYTES) {
                    throw tooLarge(file, bytes.length);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static ModelImportException tooLarge(Path file, long size) {
        return new ModelImportException(file, "the ONNX file has " + size + " bytes, more than the "
                + OnnxLimits.MAX_FILE_BYTES / (1024 * 1024) + " MiB the workbench reads; a network that fits an"
                + " Aleo program is far smaller — prune or shrink the model");
    }
}
