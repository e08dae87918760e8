package io.zkml.workbench.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.samples.ModelKind;
import io.zkml.workbench.samples.OnnxSamples;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed ONNX samples: written deterministically from their source zips, imported with the
 * catalogue's parameter count, scoring the catalogue's accuracy on the source's committed test rows,
 * and computing on every one of those raw rows what ONNX Runtime computes.
 */
class OnnxSamplesTest {

    static final Path SAMPLES = Path.of("sample-models");

    @TempDir
    Path dir;

    static List<SampleInfo> samples() {
        return SampleCatalog.all().stream().filter(s -> s.modelKind() == ModelKind.ONNX).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theCommittedFileIsWhatTheSourceZipWritesByteForByte(SampleInfo info) throws Exception {
        OnnxSamples.Spec spec = OnnxSamples.find(info.name()).orElseThrow();
        Files.copy(SAMPLES.resolve(spec.source() + ".zip"), dir.resolve(spec.source() + ".zip"));
        Path written = new OnnxSamples().write(spec, dir);
        assertArrayEquals(Files.readAllBytes(info.modelPath(SAMPLES)), Files.readAllBytes(written),
                info.name() + ": run train-samples --only " + info.name() + " and commit the file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void scoresTheCatalogueFigureAndAgreesWithOnnxRuntimeOnEveryTestRow(SampleInfo info) throws Exception {
        Path file = info.modelPath(SAMPLES);
        ModelGraph g = new ModelImporter().importModel(file);
        assertEquals(ModelGraph.SourceKind.ONNX, g.sourceKind());
        assertEquals(info.parameters(), g.parameterCount());
        assertTrue(g.normalizer().isEmpty(), "the normaliser is folded into the weights");

        Dataset test = new CsvDatasetReader().read(info.testCsvPath(SAMPLES), info.classNames());
        float[][] rows = test.features();
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        long[] dims = java.util.Arrays.stream(g.inputShape().dims()).asLongStream().toArray();
        String output = model.getGraph().getOutput(0).getName();
        Map<String, float[][]> ort = OrtRun.values(model, rows, dims);

        FloatInterpreter fi = new FloatInterpreter(g);
        int correct = 0;
        int ortCorrect = 0;
        for (int s = 0; s < rows.length; s++) {
            float[] mine = fi.output(rows[s]);
            float[] theirs = ort.get(output)[s];
            for (int i = 0; i < mine.length; i++) {
                assertEquals(theirs[i], mine[i], 1e-5, info.name() + " row " + s + " class " + i);
            }
            correct += argmax(mine) == test.labels()[s] ? 1 : 0;
            ortCorrect += argmax(theirs) == test.labels()[s] ? 1 : 0;
        }
        assertEquals(info.expectedTestMetric(), (double) correct / rows.length, 1e-9, info.name() + " accuracy");
        assertEquals(correct, ortCorrect, "ONNX Runtime classifies the same rows correctly");
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
