package io.zkml.workbench.ui.code;

import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.LeoPrinter;
import io.zkml.workbench.codegen.ProgramSize;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompiledSegment;
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
     * Neither text is printed on the way to the figures (printing them was half of fashion-mlp's recompile):
     * the first to ask prints each, once, and they are the printers' texts of each program. The size the
     * limits and the figures read is the printed Aleo text's, and the layers the code view looks a node up by
     * are those both texts mark lines of, so the view need not print either on the FX thread.
     */
    @Test
    void theTextsArePrintedWhenFirstAskedFor() throws Exception {
        CompileSettings split = CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0")));
        ModelSession closures = ModelSession.open(Path.of("sample-models", "fashion-mlp.zip"), null);
        record Case(ModelSession session, QuantSpec spec, CompileSettings settings) {
        }
        CompileSettings committed = CompileSettings.defaults().withWeightsMode(WeightsMode.PRIVATE_COMMITTED);
        for (Case c : List.of(new Case(session, spec, CompileSettings.defaults()), new Case(session, spec, split),
                new Case(session, spec, committed), new Case(closures, closures.calibrate(), CompileSettings.defaults()))) {
            GeneratedCode g = GeneratedCode.generate(compiler, c.session(), c.spec(), c.settings(), null,
                    new SegmentPrices(), () -> false);
            for (GeneratedCode.ProgramText p : g.programs()) {
                CompiledSegment s = p.segment();
                assertFalse(s.aleoPrint().isPrinted(), "compiled without its Aleo text");
                assertFalse(s.leoPrint().isPrinted(), "compiled without its Leo text");
                PrintedProgram aleo = p.aleo();
                PrintedProgram leo = p.leo();
                assertSame(aleo, s.aleo(), "printed once");
                assertSame(leo, s.leo(), "printed once");
                assertEquals(new AleoPrinter().print(s.program()), aleo);
                assertEquals(new LeoPrinter().print(s.program()), leo);
                assertEquals(ProgramSize.of(aleo.text()), s.size(), "the size the limits were checked on");
                assertEquals(aleo.text().length(), s.characters());
                assertEquals(s.program().markedLayers(), aleo.layerLines().keySet(), "the layers the view looks up");
                assertEquals(s.program().markedLayers(), leo.layerLines().keySet());
            }
        }
    }

    @Test
    void aGenerationNobodyWaitsForStops() {
        assertThrows(CancellationException.class, () -> GeneratedCode.generate(compiler, session, spec,
                CompileSettings.defaults(), null, new SegmentPrices(), () -> true));
    }
}
