package io.zkml.workbench.codegen;

/**
 * How a program with private weights commits to them. Manifests record the scheme's name so a bundle
 * made with an older scheme is recognised and re-checked with that scheme.
 */
public enum CommitmentScheme {
    /** Until 2026-12: per-weight typed arrays ({@link CommittedWeights}), {@code hash.psd2}, no salt (binding only). */
    ARRAYS_PSD2(CommittedWeights.SCHEME, false),
    /** Densely packed u128 elements with a salt, {@code hash.psd8} ({@link PackedWeights}): binding and hiding. */
    PACKED_PSD8(PackedWeights.SCHEME, true),
    /**
     * Since 2026-12 (issue #18): the same packed, salted weights and the same commitment, carried in the data's
     * input instead of a second one ({@link PackedInput}).
     */
    PACKED_SHARED_PSD8(PackedInput.SCHEME, true);

    /** What new programs use. */
    public static final CommitmentScheme CURRENT = PACKED_SHARED_PSD8;

    private final String schemeName;
    private final boolean salted;

    CommitmentScheme(String schemeName, boolean salted) {
        this.schemeName = schemeName;
        this.salted = salted;
    }

    /** The exact name manifests record (followed by " (public output)" or " (compiled-in constant)"). */
    public String schemeName() {
        return schemeName;
    }

    public boolean salted() {
        return salted;
    }

    /**
     * The scheme a manifest's recorded text names: null (format-1 manifests recorded none) means the
     * scheme that existed before schemes were recorded; text naming no known scheme gives null.
     */
    public static CommitmentScheme ofRecorded(String recorded) {
        if (recorded == null) {
            return ARRAYS_PSD2;
        }
        for (CommitmentScheme s : values()) {
            if (recorded.startsWith(s.schemeName)) {
                return s;
            }
        }
        return null;
    }
}
