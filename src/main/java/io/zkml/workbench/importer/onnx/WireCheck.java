package io.zkml.workbench.importer.onnx;

import java.io.IOException;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.nd4j.shade.protobuf.Descriptors;
import org.nd4j.shade.protobuf.WireFormat;

/**
 * A linear walk over the protobuf wire format before the real parse, refusing what would make that
 * parse cost more than the file's size suggests. Two things: the number of messages (each becomes a
 * Java object of a few dozen bytes, so a file of tiny messages would cost many times its size in
 * heap), and a singular message field given more than once in one message (protobuf merges the
 * occurrences, which costs time quadratic in their number in the protobuf-java 3.21 that ND4J
 * shades: CVE-2022-3171). Valid ONNX writers give each singular field once.
 */
final class WireCheck {

    /** Why the bytes were refused; the reader turns it into a message naming the file. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final long maxMessages;
    private final int maxDepth;
    private long messages;

    WireCheck(long maxMessages, int maxDepth) {
        this.maxMessages = maxMessages;
        this.maxDepth = maxDepth;
    }

    void check(byte[] bytes, Descriptors.Descriptor type) throws Refused {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            walk(in, type, 0);
        } catch (IOException e) {
            throw new Refused("the protobuf is malformed (" + e.getMessage() + ")");
        }
    }

    private void walk(CodedInputStream in, Descriptors.Descriptor type, int depth) throws IOException, Refused {
        if (depth > maxDepth) {
            throw new Refused("messages nest deeper than " + maxDepth);
        }
        if (++messages > maxMessages) {
            throw new Refused("it holds more than " + maxMessages + " protobuf messages");
        }
        java.util.Set<Integer> singularSeen = new java.util.HashSet<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            Descriptors.FieldDescriptor field = type.findFieldByNumber(number);
            boolean message = field != null && field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (!message) {
                if (!in.skipField(tag)) {
                    return;
                }
                continue;
            }
            if (!field.isRepeated() && !singularSeen.add(number)) {
                throw new Refused(type.getName() + "." + field.getName() + " is given more than once");
            }
            int length = in.readRawVarint32();
            if (length < 0) {
                throw new Refused("a negative length");
            }
            int limit = in.pushLimit(length);
            walk(in, field.getMessageType(), depth + 1);
            in.checkLastTagWas(0);
            in.popLimit(limit);
        }
    }
}
