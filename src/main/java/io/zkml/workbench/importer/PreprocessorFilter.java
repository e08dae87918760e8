package io.zkml.workbench.importer;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The JEP 290 filter for the one Java-serialised entry a DL4J zip may hold ({@code preprocessor.bin},
 * a legacy {@code DataSetPreProcessor}). It is set on the {@link java.io.ObjectInputStream} the
 * workbench itself creates for that entry (never JVM-wide, so nothing else in the process is
 * affected): only ND4J's normalisers and pre-processors, primitives, boxed numbers, strings and
 * enums are allowed, with bounds on depth, references, bytes and array length. ND4J arrays
 * ({@code BaseNDArrayProxy}) are not: their readObject allocates the length written in the stream
 * before reading any data, so a 100-byte entry could ask for terabytes. DL4J 1.0.0-M2 never writes
 * this entry and discards it on reading, so only array-free pre-processors (image scalers) of old
 * zips pass; the others are refused by name. Everything else — {@code java.net.URL} (the DNS gadget), nested
 * {@code HashSet}s (the CPU "billion laughs"), any other class — is rejected before it is
 * instantiated.
 */
final class PreprocessorFilter implements ObjectInputFilter {

    static final long MAX_DEPTH = 12;
    static final long MAX_REFERENCES = 10_000;
    static final long MAX_ARRAY_LENGTH = 50_000_000;

    /** Packages whose classes DL4J stores as pre-processors (normalisers, scalers, their statistics). */
    private static final Set<String> PACKAGES = Set.of(
            "org.nd4j.linalg.dataset.api.preprocessor",
            "org.nd4j.linalg.dataset.api.preprocessor.stats",
            "org.nd4j.linalg.dataset.api.preprocessor.serializer",
            "org.nd4j.linalg.dataset.api.preprocessor.classimbalance",
            "org.nd4j.linalg.dataset.api.iterator.fetcher");

    /** Single classes: the pre-processor interfaces and Java's value types. */
    private static final Set<String> CLASSES = Set.of(
            "org.nd4j.linalg.dataset.api.DataSetPreProcessor",
            "org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor",
            "java.lang.String", "java.lang.Enum", "java.lang.Number",
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

    private final long maxBytes;
    /** Why this stream was refused, for the message (one filter per stream, so no sharing). */
    private String refusal = "";

    PreprocessorFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    String refusal() {
        return refusal;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return reject("objects nested deeper than " + MAX_DEPTH + " levels");
        }
        if (info.references() > MAX_REFERENCES || info.streamBytes() > maxBytes) {
            return reject("more than " + MAX_REFERENCES + " objects");
        }
        if (info.arrayLength() > MAX_ARRAY_LENGTH) {
            return reject("an array of " + info.arrayLength() + " elements");
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || allowed(c)) {
            return Status.ALLOWED;
        }
        return reject("the class " + c.getName());
    }

    private Status reject(String why) {
        refusal = why;
        return Status.REJECTED;
    }

    /** The class and, for an anonymous or nested class, its enclosing class must be on the list. */
    static boolean allowed(Class<?> c) {
        String name = c.getName();
        if (CLASSES.contains(name)) {
            return true;
        }
        int dollar = name.indexOf('$');
        String outer = dollar < 0 ? name : name.substring(0, dollar);
        int dot = outer.lastIndexOf('.');
        return dot > 0 && PACKAGES.contains(outer.substring(0, dot));
    }
}
