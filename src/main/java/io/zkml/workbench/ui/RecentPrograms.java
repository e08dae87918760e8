package io.zkml.workbench.ui;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.ui.code.GeneratedCode;

/**
 * The programs of the last few specs of the open model, by what they were compiled from (model session,
 * spec, settings): a compile is a pure function of those, so going back to a spec (undo, redo, a spinner
 * clicked up then down) shows its program again at once instead of compiling it again, which takes a
 * few hundred milliseconds on fashion-cnn. The figures shown are then those of the very object compiled
 * for that spec, as export and proving use it.
 * <p>
 * Bounded by the instructions the programs hold (their printed texts and line maps grow with them):
 * {@link #MAX_INSTRUCTIONS} keeps about four of fashion-cnn's three-program chains (86,330 instructions,
 * 26 MB of heap each, measured), so at most about 120 MB of the installed app's 4 GB.
 *
 * @param <K> what a program was compiled from (a record with value equality)
 */
final class RecentPrograms<K> {

    static final long MAX_INSTRUCTIONS = 400_000;

    private final Cache<K, GeneratedCode> programs;

    RecentPrograms() {
        this(MAX_INSTRUCTIONS);
    }

    RecentPrograms(long maxInstructions) {
        // One segment: eviction is least-recently-used across the whole cache, not per segment.
        programs = CacheBuilder.newBuilder().concurrencyLevel(1).maximumWeight(maxInstructions)
                .weigher((K k, GeneratedCode g) -> instructions(g)).build();
    }

    /** The program compiled from {@code key}, or null when none is kept. */
    GeneratedCode get(K key) {
        return programs.getIfPresent(key);
    }

    void put(K key, GeneratedCode g) {
        programs.put(key, g);
    }

    /** Another model opened: nothing kept applies to it. */
    void clear() {
        programs.invalidateAll();
    }

    long size() {
        return programs.size();
    }

    /** Every program's instructions, a chain's segments added up; at least 1 so that each entry weighs something. */
    static int instructions(GeneratedCode g) {
        long n = 0;
        for (CompiledSegment s : g.compiled().segments()) {
            n += s.instructions();
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
    }
}
