package io.zkml.workbench.bundle;

/**
 * How much of an untrusted bundle is read before it is refused. Counted on the bytes actually
 * inflated, never on sizes the zip declares. A real bundle is a few hundred KB: the program text is
 * bounded by snarkVM's MAX_PROGRAM_SIZE (2,048,000 characters), a proof and a verifying key are a
 * few KB each.
 *
 * @param maxFileBytes   the zip (or a folder's file) as stored
 * @param maxEntryBytes  one entry, inflated
 * @param maxTotalBytes  all entries, inflated
 * @param maxEntries     entries in the zip, including ones that are not read: six, plus a program and a
 *                       verifying key for each of up to 31 other programs of a multi-program execution
 * @param maxRatio       inflated/stored bytes of one entry, once it is over {@code ratioFloorBytes}
 */
public record BundleLimits(long maxFileBytes, long maxEntryBytes, long maxTotalBytes, int maxEntries, int maxRatio,
                           long ratioFloorBytes) {

    public static final BundleLimits DEFAULT = new BundleLimits(32L << 20, 8L << 20, 24L << 20, 72, 200, 1L << 20);
}
