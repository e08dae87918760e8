package io.zkml.workbench.codegen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SideBySideTest {

    @Test
    void resultsComeBackInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 64).boxed().toList();
        assertEquals(items.stream().map(i -> i * i).toList(), SideBySide.map(items, i -> i * i));
        assertEquals(List.of(), SideBySide.map(List.<Integer>of(), i -> i));
        assertEquals(List.of("7"), SideBySide.map(List.of(7), String::valueOf));
    }

    @Test
    void theFirstFailureInOrderIsRethrownAsThrownAfterEveryItemRan() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        IllegalArgumentException second = new IllegalArgumentException("layer conv: item 2 is unsupported");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> SideBySide.map(
                IntStream.range(0, 16).boxed().toList(), i -> {
                    ran.add(i);
                    if (i == 2) {
                        throw second;
                    }
                    if (i == 9) {
                        throw new IllegalStateException("item 9");
                    }
                    return i;
                }));
        assertSame(second, thrown, "the user's message stays the thrower's, not the pool's copy");
        assertEquals(16, ran.size());
    }
}
