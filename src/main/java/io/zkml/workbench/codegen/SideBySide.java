package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Independent pieces of one compile run side by side on the common fork-join pool, the calling thread
 * taking part (a chain's programs, a partition search's starts): on two cores about half the wait. The
 * results come back in the items' order, so nothing downstream depends on which thread did what.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * {@code work} applied to every item, in the items' order. When some fail, every item still runs and the
     * first failure in the items' order is rethrown as it was thrown: the fork-join pool would instead rethrow
     * a copy whose message is the original's class and message, and messages here are the user's error text.
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        List<Object> done = items.size() < 2 ? items.stream().map(i -> (Object) attempt(work, i)).toList()
                : items.parallelStream().map(i -> (Object) attempt(work, i)).toList();
        List<R> out = new ArrayList<>(done.size());
        for (Object d : done) {
            if (d instanceof Failed f) {
                throw f.e();
            }
            @SuppressWarnings("unchecked")
            R r = (R) d;
            out.add(r);
        }
        return out;
    }

    private record Failed(RuntimeException e) {
    }

    private static <T, R> Object attempt(Function<T, R> work, T item) {
        try {
            return work.apply(item);
        } catch (RuntimeException e) {
            return new Failed(e);
        }
    }
}
