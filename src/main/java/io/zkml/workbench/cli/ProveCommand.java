package io.zkml.workbench.cli;

import io.zkml.workbench.data.RowValues;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.bundle.BundleManifest;
import io.zkml.workbench.bundle.BundleProver;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleJson;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Prove one input (or every row of a CSV) of an exported project or a model with snarkVM (or your Leo CLI: --backend leo); write proof bundles.")
final class ProveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_OR_MODEL",
            description = "A project written by `zkml export`, or a model file (exported to a temporary folder first).")
    Path target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--input", paramLabel = "V1,V2,...", description = "Raw feature values, as in the dataset CSV.")
        String input;

        @Option(names = "--row", paramLabel = "N", description = "Row N (0-based) of the dataset / inputs/samples.json.")
        Integer row;

        @Option(names = "--rows-from", paramLabel = "CSV", description = "Prove every row of this CSV (needs --out-dir).")
        Path rowsFrom;
    }

    @Option(names = "--out", paramLabel = "BUNDLE_ZIP", description = "Bundle to write (default: <program>-row<N>.zip or <program>-input.zip).")
    Path out;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Folder for the bundles and summary.json of --rows-from.")
    Path outDir;

    @Option(names = "--model", paramLabel = "MODEL", description = "With a project folder: the model, to encode --input / --rows-from (default: the path recorded at export).")
    Path model;

    @Option(names = "--data", paramLabel = "CSV", description = "Dataset (for --row with a model, and for calibration).")
    Path data;

    @Option(names = "--quant", paramLabel = "QUANT_JSON", description = "With a model: the quantization spec (default: calibrate).")
    Path quant;

    @Mixin
    CompileOptions compile;

    enum Backend { snarkvm, leo }

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "snarkvm",
            description = "What proves: snarkvm (the bundled sidecar; writes a proof bundle) or leo (your Leo CLI's "
                    + "`leo execute`; saves Leo's transaction, which `zkml verify` does not read). Default ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--json", description = "Print one JSON document; no progress on stderr.")
    boolean json;

    private final SidecarSource sidecars;

    ProveCommand() {
        this(null);
    }

    ProveCommand(SidecarClient shared) {
        this.sidecars = new SidecarSource(shared);
    }

    record ProveJson(String bundle, BundleManifest manifest) {
    }

    record SummaryRow(Integer row, String bundle, List<String> outputs, Integer predictedClass, String predictedLabel,
                      Integer datasetLabel, boolean keysFromCache, long provingMs) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = json ? null : spec.commandLine().getErr();
        CliProgress progress = CliProgress.forCommand(json);
        LeoBackend leo = null;
        if (backend == Backend.leo) {
            if (what.rowsFrom != null) {
                throw new WorkbenchException("--backend leo proves one input at a time: use --row N or --input");
            }
            leo = LeoBackend.fromEnvironment();
            leo.require(); // before any export work: a missing Leo is the first thing to know
        }
        Subject s = subject(err);
        if (leo != null) {
            try {
                return proveWithLeo(leo, s, progress);
            } finally {
                s.cleanUp();
            }
        }
        try (SidecarSource.Lease lease = sidecars.open(progress, err)) {
            BundleProver prover = new BundleProver(lease.client, lease.bars()::note);
            if (what.rowsFrom != null) {
                return batch(s, prover, progress, lease.bars());
            }
            SampleRow row = what.row != null ? s.row(what.row) : s.adHoc(RowValues.parse(what.input, "--input value"));
            ProofBundle b = prover.prove(s.project, new ProofRequest(row.index() < 0 ? null : row.index(),
                    row.inputs(), row.expectedOutputs()));
            Path zip = out != null ? out : Path.of(s.baseName() + (row.index() < 0 ? "-input" : "-row" + row.index()) + ".zip");
            b.writeZip(zip);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                new JsonOutput().print(o, new ProveJson(zip.toAbsolutePath().toString(), b.manifest()));
            } else {
                BundleManifest m = b.manifest();
                o.printf("wrote %s: %s/%s output %s%s; %,d constraints; keys %s%n", zip, m.programId(), m.function(),
                        String.join(", ", m.publicOutputs()),
                        m.decoded().classLabel() == null ? "" : " (" + m.decoded().classLabel() + ")",
                        m.circuit().constraints(), m.keysFromCache() ? "from cache" : "synthesized");
                o.flush();
            }
            return ZkmlCli.OK;
        } finally {
            s.cleanUp();
        }
    }

    record LeoJson(String transaction, String leoVersion, List<String> outputs, List<String> expectedOutputs) {
    }

    private int proveWithLeo(LeoBackend leo, Subject s, CliProgress progress) throws IOException {
        SampleRow row = what.row != null ? s.row(what.row) : s.adHoc(RowValues.parse(what.input, "--input value"));
        Path saveDir = out != null ? out : Path.of(s.baseName() + (row.index() < 0 ? "-input" : "-row" + row.index()) + ".leo");
        Files.createDirectories(saveDir);
        LeoResult r;
        try (CliProgress.Bar bar = progress.start("leo execute", -1)) {
            r = leo.execute(s.project.dir(), s.project.manifest().function(), row.inputs(), saveDir);
        }
        if (!r.outputs().equals(row.expectedOutputs())) {
            throw new WorkbenchException("Leo computed " + r.outputs() + " but the simulator predicted "
                    + row.expectedOutputs() + " for this input");
        }
        PrintWriter o = spec.commandLine().getOut();
        String version = leo.require().version();
        if (json) {
            new JsonOutput().print(o, new LeoJson(r.transaction() == null ? null : r.transaction().toAbsolutePath().toString(),
                    version, r.outputs(), row.expectedOutputs()));
        } else {
            o.printf("%s: %s/%s output %s (matches the simulator); transaction %s%n", version, s.project.manifest().programId(),
                    s.project.manifest().function(), String.join(", ", r.outputs()),
                    r.transaction() == null ? "not saved by Leo" : r.transaction());
            o.flush();
        }
        return ZkmlCli.OK;
    }

    private int batch(Subject s, BundleProver prover, CliProgress progress, CliProgress.SidecarBars bars) throws Exception {
        if (outDir == null) {
            throw new WorkbenchException("--rows-from writes one bundle per row: give the folder with --out-dir DIR");
        }
        Dataset d = s.classes().isEmpty() ? new CsvDatasetReader().read(what.rowsFrom)
                : new CsvDatasetReader().read(what.rowsFrom, s.classes());
        float[][] norm = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            norm[i] = s.session().normalize(d.features()[i]);
        }
        List<SampleRow> rows = new RowEncoder(s.compiled()).encode(norm, d.features(),
                d.task() == TaskKind.CLASSIFICATION ? d.labels() : null, 0);
        rows.forEach(RowEncoder::requireClean);
        Files.createDirectories(outDir);
        List<SummaryRow> summary = new ArrayList<>();
        try (CliProgress.Bar bar = progress.start("prove rows", rows.size())) {
            bars.hostedBy(bar);
            for (SampleRow r : rows) {
                ProofBundle b = prover.prove(s.project, new ProofRequest(r.index(), r.inputs(), r.expectedOutputs()));
                Path zip = outDir.resolve("row-" + r.index() + ".zip");
                b.writeZip(zip);
                BundleManifest m = b.manifest();
                summary.add(new SummaryRow(r.index(), zip.getFileName().toString(), m.publicOutputs(),
                        m.decoded().classIndex(), m.decoded().classLabel(), r.label(), m.keysFromCache(),
                        m.timings().provingMs()));
                bar.step();
            }
        } finally {
            bars.hostedBy(null);
        }
        AtomicFiles.writeString(outDir.resolve("summary.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, summary);
        } else {
            o.printf("wrote %d bundles and summary.json to %s%n", summary.size(), outDir);
            o.flush();
        }
        return ZkmlCli.OK;
    }

    /** The project to prove, and (when one is needed or given) the model session that encodes raw inputs. */
    private Subject subject(PrintWriter err) throws Exception {
        if (ExportedProject.looksLikeProject(target)) {
            ExportedProject p = ExportedProject.read(target);
            boolean needsModel = what.row == null;
            Path m = model != null ? model : Path.of(p.manifest().modelPath());
            if (!needsModel) {
                return new Subject(p, null, null, null);
            }
            if (!Files.isRegularFile(m)) {
                throw new WorkbenchException("encoding --input or --rows-from needs the model; " + m
                        + " (recorded at export) is not there: pass --model MODEL");
            }
            ModelSession session = ModelSession.open(m, data);
            CompiledModel c = compileWith(session, p);
            if (!c.aleoText().equals(p.aleoText())) {
                throw new WorkbenchException(m + " with " + target.resolve("quant.json") + " does not produce the program in "
                        + target + "; pass the model it was exported from with --model");
            }
            return new Subject(p, session, c, null);
        }
        if (!Files.isRegularFile(target)) {
            throw new WorkbenchException(target + " is neither a project exported by `zkml export` nor a model file");
        }
        ModelInputs inputs = new ModelInputs();
        inputs.model = target;
        inputs.data = data;
        inputs.quant = quant;
        ModelSession session = inputs.open();
        CompiledModel c = compile.compile(inputs, session);
        if (c.weightsMode().privateWeights() && compile.salt == null && c.settings().salt() != null) {
            // Proving a model file directly draws a fresh salt that no file keeps: say it, or the commitment
            // can never be re-checked by an auditor (export first to keep it in weights-salt.txt).
            err.println("weights commitment salt (random; saved nowhere): " + c.settings().salt().hex()
                    + " - keep it: an auditor needs it for verify --salt");
        }
        Path tmp = Files.createTempDirectory("zkml-prove-");
        new ModelExport(ModelCompiler.standard()).export(session, c, tmp.resolve("project"), false);
        return new Subject(ExportedProject.read(tmp.resolve("project")), session, c, tmp);
    }

    /** The exported project's program again, with the settings its export recorded and its salt. */
    private CompiledModel compileWith(ModelSession session, ExportedProject p) {
        String quantJson = p.quantJson();
        var spec = new io.zkml.workbench.quant.QuantSpecJson().fromJson(quantJson, "quant.json");
        var m = p.manifest();
        var mode = m.weightsMode() == null ? io.zkml.workbench.codegen.WeightsMode.CONSTANT
                : io.zkml.workbench.codegen.WeightsMode.parse(m.weightsMode());
        var scheme = io.zkml.workbench.codegen.CommitmentScheme.ofRecorded(m.commitmentScheme());
        var salt = compile.salt != null ? io.zkml.workbench.codegen.WeightsSalt.parse(compile.salt) : p.salt();
        CompileSettings settings = CompileSettings.defaults().withProgramName(m.programId().replace(".aleo", ""))
                .withWeightsMode(mode).withScheme(scheme).withSalt(salt);
        if (mode != io.zkml.workbench.codegen.WeightsMode.PINNED) {
            return ModelCompiler.standard().compileWith(session, spec, quantJson, settings, null);
        }
        try (io.zkml.workbench.prove.SidecarClient client = new io.zkml.workbench.prove.SidecarClient()) {
            return ModelCompiler.standard().compileWith(session, spec, quantJson, settings,
                    (algorithm, text) -> client.hash(algorithm, text, "field"));
        }
    }

    private record Subject(ExportedProject project, ModelSession session, CompiledModel compiled, Path tempDir) {

        String baseName() {
            return project.manifest().programId().replace(".aleo", "");
        }

        List<String> classes() {
            return project.manifest().output().classNames();
        }

        SampleRow row(int n) {
            SampleJson s = project.sample(n);
            return RowEncoder.requireClean(new SampleRow(s.row(), s.rawFeatures(), s.label(), s.inputs(),
                    s.expectedOutputs(), null, s.overflow()));
        }

        SampleRow adHoc(float[] raw) {
            List<SampleRow> r = new RowEncoder(compiled).encode(new float[][] {session.normalize(raw)},
                    new float[][] {raw}, null, -1);
            return RowEncoder.requireClean(r.get(0));
        }

        void cleanUp() {
            if (tempDir != null) {
                try (var s = Files.walk(tempDir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A leftover temp folder is harmless.
                }
            }
        }
    }

}
