package io.zkml.workbench.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table of supported ops covers every LayerOp variant once, and the README's list is the table's. */
class LayerKindTest {

    @Test
    void everyOpVariantHasItsOwnRow() {
        Class<?>[] variants = LayerOp.class.getPermittedSubclasses();
        assertEquals(LayerKind.values().length, variants.length, "one LayerKind per LayerOp record");
        Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
        for (LayerOp op : new LayerOp[] {new LayerOp.Input(Shape.flat(2)), new LayerOp.Dense(2, 2, true, Activation.RELU),
                new LayerOp.Output(2, 2, true, Activation.SOFTMAX, "mcxent"),
                new LayerOp.Conv2D(1, 1, 2, 2, 1, 1, Padding.NONE, true, Activation.RELU),
                new LayerOp.Pool2D(LayerOp.PoolKind.MAX, 2, 2, 1, 1, Padding.NONE, false), new LayerOp.BatchNorm(2, 1e-5),
                new LayerOp.Act(Activation.RELU), new LayerOp.Flatten(), new LayerOp.Reshape(Shape.flat(2)),
                new LayerOp.ElementwiseAdd(), new LayerOp.Dropout(0.5)}) {
            assertTrue(seen.add(op.layerKind()), op.typeName() + " shares its row");
        }
        assertEquals(EnumSet.allOf(LayerKind.class), seen);
        assertEquals(variants.length, Arrays.stream(variants).distinct().count());
    }

    /** README.md's "Supported layers:" sentence is written from the table (compared without line breaks). */
    @Test
    void readmeListsTheImportedLayersOfTheTable() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        String expected = "Supported layers: " + LayerKind.importedList() + ".";
        assertTrue(readme.contains(expected), "README.md should say: " + expected);
    }
}
