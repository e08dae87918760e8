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

    /** A remembered suffix stays with its name through growth; a name added plainly has none. */
    @Test
    void remembersSuffixesThroughGrowth() {
        NameSet names = new NameSet();
        assertEquals(-1, names.addOrRemembered("conv_p"));
        assertEquals(0, names.addOrRemembered("conv_p"));
        names.remember("conv_p", 3);
        for (int k = 0; k < 100_000; k++) {
            names.add("x" + k);
        }
        assertEquals(3, names.addOrRemembered("conv_p"));
        assertEquals(0, names.addOrRemembered("x77"));
        assertEquals(-1, names.addOrRemembered("y"));
    }

    /** A name asked for in two parts is the same name as the parts joined, however it is split. */
    @Test
    void partsAreTheJoinedName() {
        NameSet names = new NameSet();
        assertEquals(-1, names.addOrRemembered("conv_", "p"));
        assertEquals("conv_p", names.added());
        assertEquals(0, names.addOrRemembered("conv_p"));
        assertEquals(0, names.addOrRemembered("con", "v_p"));
        names.remember("conv", "_p", 7);
        assertEquals(7, names.addOrRemembered("conv_p", ""));
        assertEquals(false, names.add("conv_p"));
        assertEquals(-1, names.addOrRemembered("conv_", "p2"));
        assertEquals(-1, names.addOrRemembered("", "conv_p3"));
        assertEquals("conv_p3", names.added());
        assertEquals(0, names.addOrRemembered("conv_p", "3"));
        for (int k = 0; k < 5_000; k++) {
            names.add("z" + k); // grows the table: the found slot moves
        }
        names.rememberFound("conv_p", "3", 4);
        assertEquals(4, names.addOrRemembered("conv_p3"));
        assertEquals(7, names.addOrRemembered("conv_", "p"));
        names.rememberFound("conv_", "p", 9);
        assertEquals(9, names.addOrRemembered("conv_p"));
        Random random = new Random(7);
        Set<String> expected = new HashSet<>();
        for (int k = 0; k < 50_000; k++) {
            String name = "dense_" + random.nextInt(20_000);
            int cut = random.nextInt(name.length() + 1);
            assertEquals(expected.add(name), names.addOrRemembered(name.substring(0, cut), name.substring(cut)) < 0, name);
        }
    }
}
