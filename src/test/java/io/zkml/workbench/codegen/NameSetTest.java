package io.zkml.workbench.codegen;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** NameSet answers as a HashSet of the same names does, through its growth and its probing by hash alone. */
class NameSetTest {

    @Test
    void addsAsAHashSetDoes() {
        NameSet names = new NameSet();
        Set<String> expected = new HashSet<>();
        Random random = new Random(5);
        String[] bases = {"conv_p", "conv_acc", "dense_1_sum", "", "a", "input"};
        for (int k = 0; k < 200_000; k++) {
            String name = bases[random.nextInt(bases.length)] + (random.nextBoolean() ? "_" + random.nextInt(40_000) : "");
            assertEquals(expected.add(name), names.add(name), name);
        }
    }
}
