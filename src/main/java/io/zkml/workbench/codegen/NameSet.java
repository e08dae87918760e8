package io.zkml.workbench.codegen;

/**
 * The register names a builder has given out: a set of strings, as a {@code HashSet<String>} was, open
 * addressed over a 64-bit hash of the characters. A program names tens of thousands of registers
 * {@code <layer>_<role>_<n>}, whose 32-bit {@code String.hashCode}s collided into tree bins of the set's
 * table (a tenth of a fashion-cnn recompile was spent adding names, half of it in those bins and resizes).
 * Exact: two names are the same only when their characters are ({@link String#equals}); the hash only
 * chooses where to look.
 */
final class NameSet {

    private String[] names = new String[1024];
    private long[] hashes = new long[1024];
    /** Per slot, the suffix to try next when its name is a base that is taken ({@link #remember}; 0: none). */
    private int[] next = new int[1024];
    private int size;
    /** The name {@link #addOrRemembered} added last. */
    private String added;
    /** The slot of the name {@link #addOrRemembered} found last (-1: none, or the table has grown since). */
    private int found = -1;

    /**
     * Adds {@code name} when it is not there (returns -1); otherwise returns the suffix remembered for it
     * ({@link #remember}), or 0 when none is. One probe, where a map of the suffixes beside the set took two
     * look-ups more per register of a repeated role.
     */
    int addOrRemembered(String name) {
        return addOrRemembered(name, "");
    }

    /**
     * {@link #addOrRemembered(String)} of {@code prefix + rest}, joined only when it is added ({@link #added}):
     * most registers repeat a role whose name is taken, and then only the name with its suffix is made.
     */
    int addOrRemembered(String prefix, String rest) {
        long h = hash(prefix, rest);
        int mask = names.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long there = hashes[i];
            if (there == 0) {
                added = prefix + rest;
                insert(i, added, h);
                return -1;
            }
            if (there == h && joins(names[i], prefix, rest)) {
                found = i;
                return next[i];
            }
        }
    }

    /**
     * {@link #remember(String, String, int)} of the name the last {@link #addOrRemembered} found, which the caller
     * passes again: its slot is known unless the table has grown since (adding names moves none), so most
     * registers of a repeated role probe the large table twice, not three times.
     */
    void rememberFound(String prefix, String rest, int suffix) {
        if (found >= 0 && joins(names[found], prefix, rest)) {
            next[found] = suffix;
        } else {
            remember(prefix, rest, suffix);
        }
    }

    /** The name the last {@link #addOrRemembered} that returned -1 added. */
    String added() {
        return added;
    }

    /** Remembers {@code suffix} (at least 1) for {@code name}, which is in the set. */
    void remember(String name, int suffix) {
        remember(name, "", suffix);
    }

    /** {@link #remember(String, int)} for the name {@code prefix + rest}. */
    void remember(String prefix, String rest, int suffix) {
        long h = hash(prefix, rest);
        int mask = names.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long there = hashes[i];
            if (there == 0) {
                throw new IllegalStateException(prefix + rest + " is not in the set");
            }
            if (there == h && joins(names[i], prefix, rest)) {
                next[i] = suffix;
                return;
            }
        }
    }

    /** Whether {@code name} is {@code prefix + rest}, character for character. */
    private static boolean joins(String name, String prefix, String rest) {
        return name.length() == prefix.length() + rest.length() && name.startsWith(prefix)
                && name.regionMatches(prefix.length(), rest, 0, rest.length());
    }

    private void insert(int i, String name, long h) {
        names[i] = name;
        hashes[i] = h;
        if (++size * 2 > names.length) {
            grow();
        }
    }

    /** Adds {@code name}; returns false when it was there already. */
    boolean add(String name) {
        long h = hash(name);
        int mask = names.length - 1;
        // The hashes alone are probed (0: a free slot, no name hashes to 0); a name is read only when its hash
        // matches: a probe of the large table is mostly cache misses, and two arrays cost two per slot.
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long there = hashes[i];
            if (there == 0) {
                insert(i, name, h);
                return true;
            }
            if (there == h && names[i].equals(name)) {
                return false;
            }
        }
    }

    private void grow() {
        found = -1;
        String[] oldNames = names;
        long[] oldHashes = hashes;
        int[] oldNext = next;
        names = new String[oldNames.length * 2];
        hashes = new long[oldNames.length * 2];
        next = new int[oldNames.length * 2];
        int mask = names.length - 1;
        for (int k = 0; k < oldNames.length; k++) {
            if (oldHashes[k] != 0) {
                int i = (int) oldHashes[k] & mask;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                names[i] = oldNames[k];
                hashes[i] = oldHashes[k];
                next[i] = oldNext[k];
            }
        }
    }

    /**
     * A 64-bit polynomial hash of the characters, its bits mixed (the table's index is the low bits); never 0,
     * which marks a free slot (a name that would hash to 0 hashes to 1: only where it is looked for changes).
     */
    private static long hash(String s) {
        return hash(s, "");
    }

    /** {@link #hash(String)} of {@code prefix + rest}, without joining them. */
    private static long hash(String prefix, String rest) {
        long h = 0;
        for (int i = 0; i < prefix.length(); i++) {
            h = (h + prefix.charAt(i)) * 0x9E3779B97F4A7C15L;
        }
        for (int i = 0; i < rest.length(); i++) {
            h = (h + rest.charAt(i)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }
}
