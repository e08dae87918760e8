package io.zkml.workbench.ui.code;

import io.zkml.workbench.codegen.LeoPrinter;
import io.zkml.workbench.codegen.PrintedProgram;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Code tab's program without a window: the compiler's own printing of every program (the text
 * the limits were checked on, with its layers' lines), and a generation nobody waits for stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedCodeTest {

    private final ModelCompiler compiler = ModelCompiler.standard();
    private ModelSession session;
    private QuantSpec spec;

    @BeforeAll
    void open() throws Exception {
        session = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        spec = session.calibrate();
    }

    @Test
    void everyProgramIsShownAsTheCompilerPrintedIt() {
        CompileSettings split = CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0")));
        GeneratedCode g = GeneratedCode.generate(compiler, session, spec, split, null, new SegmentPrices(), () -> false);
        assertEquals(2, g.programs().size(), "a chain's programs, the entry first");
        for (int i = 0; i < 2; i++) {
            GeneratedCode.ProgramText p = g.programs().get(i);
            assertSame(g.compiled().segments().get(i), p.segment());
            assertSame(p.segment().aleo(), p.aleo(), "printed once, by the compiler");
            assertSame(p.segment().leo(), p.leo());
        }
        assertEquals(g.compiled().leoText(), g.leo().text());
        assertEquals(g.compiled().aleoText(), g.aleo().text());
        assertTrue(g.programs().get(0).aleo().layerLines().containsKey("layer0"));
        assertTrue(g.programs().get(1).aleo().layerLines().containsKey("layer1"));
        assertEquals(0, g.overheadPerWeight(), "constant weights add nothing per weight");
        assertEquals(g.compiled().program().body().size(), g.instructionCount());
    }

    /**
     * The Leo texts are not printed on the way to the figures (a third of fashion-mlp's recompile was printing
     * its Leo text): the first to ask prints them, once, and they are the Leo printer's text of each program
     * and name the same layers as the Aleo texts (the code view finds a layer's program by its Aleo lines).
     */
    @Test
    void theLeoTextsArePrintedWhenFirstAskedFor() {
        CompileSettings split = CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0")));
        for (CompileSettings settings : List.of(CompileSettings.defaults(), split)) {
            GeneratedCode g = GeneratedCode.generate(compiler, session, spec, settings, null, new SegmentPrices(), () -> false);
            for (GeneratedCode.ProgramText p : g.programs()) {
                assertFalse(p.segment().leoPrint().isPrinted(), "compiled without its Leo text");
                PrintedProgram leo = p.leo();
                assertTrue(p.segment().leoPrint().isPrinted());
                assertSame(leo, p.segment().leo(), "printed once");
                assertEquals(new LeoPrinter().print(p.segment().program()), leo);
                assertEquals(p.aleo().layerLines().keySet(), leo.layerLines().keySet(), "the same layers' lines");
            }
        }
    }

    @Test
    void aGenerationNobodyWaitsForStops() {
        assertThrows(CancellationException.class, () -> GeneratedCode.generate(compiler, session, spec,
                CompileSettings.defaults(), null, new SegmentPrices(), () -> true));
    }
}
