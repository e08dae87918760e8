package io.zkml.workbench.cli;

import io.zkml.workbench.data.RowValues;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.LeoProver;
import io.zkml.workbench.bundle.BundleManifest;
import io.zkml.workbench.bundle.BundleProver;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.ProvingWorkflow;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.export.SampleJson;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR_OR_MODEL",
            description = "A project written by `zkml export`, or a model file (exported to a temporary folder first); "
                    + "or give --project.")
    Path target;

    @Option(names = "--project", paramLabel = "ZKWB",
            description = "A workbench project (.zkwb): prove its model with its spec and export settings, as its Prove tab does.")
    Path projectFile;

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

    @Option(names = "--resume", description = "With --rows-from: skip rows whose bundle (row-N.zip of this program) is "
            + "already in --out-dir and readable; prove the rest. A failed row never stops the others; the exit code is 1 "
            + "when any row failed (summary.json says which and why).")
    boolean resume;

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

    @Option(names = "--no-proof", description = "Run the --row or --input in snarkVM without a proof and print its outputs "
            + "against the simulator's: executed with the function's keys where the SRS files they need are in the "
            + "parameter cache, else (offline beyond 2^16) evaluated by snarkVM without keys, and the output says which. "
            + "Writes no bundle.")
    boolean noProof;

    private final SidecarSource sidecars;

    ProveCommand() {
        this(null);
    }

    ProveCommand(SidecarClient shared) {
        this.sidecars = new SidecarSource(shared);
    }

    record ProveJson(String bundle, BundleManifest manifest) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = json ? null : spec.commandLine().getErr();
        CliProgress progress = CliProgress.forCommand(json);
        if (noProof && (what.rowsFrom != null || backend == Backend.leo)) {
            throw new WorkbenchException("--no-proof runs one --row or --input in snarkVM: "
                    + (what.rowsFrom != null ? "not with --rows-from" : "not with --backend leo (Leo's own `leo run` does that)"));
        }
        LeoBackend leo = null;
        if (backend == Backend.leo) {
            if (what.rowsFrom != null) {
                throw new WorkbenchException("--backend leo proves one input at a time: use --row N or --input");
            }
            leo = LeoBackend.fromEnvironment();
            leo.require(); // before any export work: a missing Leo is the first thing to know
        }
        if (leo != null) {
            Subject s = subject(err).exported();
            try {
                return proveWithLeo(leo, s, progress);
            } finally {
                s.cleanUp();
            }
        }
        refuseUnwritableOutput();
        try (SidecarSource.Lease lease = sidecars.open(progress, err)) {
            // snarkVM builds its constants while the model is read and compiled, not after.
            lease.client.warmUp();
            return proveWithSnarkVm(lease, progress, err);
        }
    }

    /** An output named on the command line that cannot be written is refused before the model is read or a sidecar starts. */
    private void refuseUnwritableOutput() {
        if (what.rowsFrom != null) {
            if (outDir == null) {
                throw new WorkbenchException("--rows-from writes one bundle per row: give the folder with --out-dir DIR");
            }
            ProofBundle.requireWritable(outDir.resolve(BatchProver.SUMMARY));
        } else if (out != null) {
            ProofBundle.requireWritable(out);
        }
    }

    private int proveWithSnarkVm(SidecarSource.Lease lease, CliProgress progress, PrintWriter err) throws Exception {
        Subject s = subject(err);
        try {
            if (noProof) {
                return runWithoutProof(s, lease);
            }
            BundleProver prover = new BundleProver(lease.client, lease.bars()::note);
            if (what.rowsFrom != null) {
                return batch(s, lease, progress, err);
            }
            SampleRow row = what.row != null ? s.row(what.row) : s.adHoc(RowValues.parse(what.input, "--input value"));
            ProofRequest request = new ProofRequest(row.index() < 0 ? null : row.index(), row.inputs(),
                    row.expectedOutputs());
            Path zip = out != null ? out : Path.of(s.baseName() + (row.index() < 0 ? "-input" : "-row" + row.index()) + ".zip");
            ProofBundle.requireWritable(zip); // before minutes of proving, not after
            ProofBundle b;
            if (s.project != null) {
                b = prover.prove(s.project, request);
                b.writeZip(zip);
            } else {
                // A model: the one proving workflow the workbench's Prove tab also runs.
                b = new ProvingWorkflow(lease.client, lease.bars()::note).prove(s.session, s.compiled, request, zip,
                        () -> false);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                new JsonOutput().print(o, new ProveJson(zip.toAbsolutePath().toString(), b.manifest()));
            } else {
                BundleManifest m = b.manifest();
                o.printf("wrote %s: %s/%s output %s%s; %,d constraints%s; keys %s%n", zip, m.programId(), m.function(),
                        String.join(", ", m.publicOutputs()),
                        m.decoded().classLabel() == null ? "" : " (" + m.decoded().classLabel() + ")",
                        m.executionCircuit().constraints(), m.isChain() ? " in " + m.transitions().size() + " transitions" : "",
                        m.keysFromCache() ? "from cache" : "synthesized");
                o.flush();
            }
            return ZkmlCli.OK;
        } finally {
            s.cleanUp();
        }
    }

    record LeoJson(String transaction, String leoVersion, List<String> outputs, List<String> expectedOutputs) {
    }

    record RunJson(String program, String function, List<String> outputs, List<String> expectedOutputs,
                   boolean matchesSimulator, boolean executedWithKeys, String evaluatedOnly, Long constraints) {
    }

    /** --no-proof: the one run the Prove tab's Run makes ({@link ProvingWorkflow#run}), printed against the simulator. */
    private int runWithoutProof(Subject s, SidecarSource.Lease lease) {
        SampleRow row = what.row != null ? s.row(what.row) : s.adHoc(RowValues.parse(what.input, "--input value"));
        ProgramChain programs = s.project != null
                ? ProgramChain.single(s.project.manifest().programId(), s.project.aleoText(), s.project.manifest().function())
                : ProvingWorkflow.chainOf(s.compiled());
        int degree = s.project != null ? s.project.manifest().predictedSrsDegreeLog2() : s.compiled().srsDegreeLog2();
        ExecutionResult r = new ProvingWorkflow(lease.client, lease.bars()::note).run(programs, degree, row.inputs());
        List<String> modelOutputs = OutputDecoder.modelOutputs(r.outputs());
        boolean matches = modelOutputs.equals(row.expectedOutputs());
        String id = programs.entry().programId();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, new RunJson(id, programs.function(), r.outputs(), row.expectedOutputs(), matches,
                    r.evaluatedOnly() == null, r.evaluatedOnly(), r.circuit() == null ? null : r.circuit().constraints()));
        } else {
            String label = OutputDecoder.decode(s.outputFormat(), r.outputs()).classLabel();
            o.printf("ran %s/%s in snarkVM without a proof: output %s%s, %s; %s%n", id, programs.function(),
                    String.join(", ", r.outputs()), label == null ? "" : " (" + label + ")",
                    matches ? "as the simulator predicts" : "but the simulator predicted " + row.expectedOutputs(),
                    r.evaluatedOnly() == null
                            ? String.format("executed with its keys (%,d constraints, keys %s)", r.circuit().constraints(),
                                    r.keysFromCache() ? "from cache" : "synthesized")
                            : "evaluated without keys or a circuit: " + r.evaluatedOnly());
            o.flush();
        }
        return matches ? ZkmlCli.OK : ZkmlCli.USER_ERROR;
    }

    private int proveWithLeo(LeoBackend leo, Subject s, CliProgress progress) throws IOException {
        SampleRow row = what.row != null ? s.row(what.row) : s.adHoc(RowValues.parse(what.input, "--input value"));
        Path saveDir = out != null ? out : Path.of(s.baseName() + (row.index() < 0 ? "-input" : "-row" + row.index()) + ".leo");
        Files.createDirectories(saveDir);
        LeoResult r;
        try (CliProgress.Bar bar = progress.start("leo execute", -1)) {
            r = new LeoProver(leo).execute(s.project, new ProofRequest(row.index() < 0 ? null : row.index(), row.inputs(),
                    row.expectedOutputs()), saveDir);
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

    private int batch(Subject s, SidecarSource.Lease lease, CliProgress progress, PrintWriter err) throws Exception {
        CliProgress.SidecarBars bars = lease.bars();
        Dataset d = s.classes().isEmpty() ? new CsvDatasetReader().read(what.rowsFrom)
                : new CsvDatasetReader().read(what.rowsFrom, s.classes());
        float[][] norm = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            norm[i] = s.session().normalize(d.features()[i]);
        }
        List<SampleRow> rows = new RowEncoder(s.compiled()).encode(norm, d.features(),
                d.task() == TaskKind.CLASSIFICATION ? d.labels() : null, 0);
        BatchProver.Summary summary;
        try (CliProgress.Bar bar = progress.start("prove rows", rows.size())) {
            bars.hostedBy(bar);
            java.util.function.Consumer<BatchProver.RowResult> onRow = r -> {
                if (r.status() == BatchProver.Status.failed && err != null) {
                    err.println("row " + r.row() + " failed: " + r.error());
                    err.flush();
                }
                bar.step();
            };
            // A model goes through the one proving workflow the Prove tab's "Prove rows" runs (a chain of programs
            // is proven as compiled, one program from its export); an exported folder is proven as it is.
            summary = s.project != null
                    ? new BatchProver(new BundleProver(lease.client, bars::note)).prove(s.project, rows, outDir, resume, onRow)
                    : new ProvingWorkflow(lease.client, bars::note).proveRows(s.session(), s.compiled(), rows, outDir,
                            resume, onRow, () -> false);
        } finally {
            bars.hostedBy(null);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, summary.rows());
        } else {
            o.printf("%d proven, %d skipped (already proven), %d failed%s; summary in %s%n",
                    summary.count(BatchProver.Status.proven), summary.count(BatchProver.Status.skipped),
                    summary.count(BatchProver.Status.failed),
                    summary.count(BatchProver.Status.not_attempted) == 0 ? ""
                            : ", " + summary.count(BatchProver.Status.not_attempted) + " not attempted",
                    summary.summaryFile());
            o.flush();
        }
        return summary.allProven() ? ZkmlCli.OK : ZkmlCli.USER_ERROR;
    }

    /** The project to prove, and (when one is needed or given) the model session that encodes raw inputs. */
    private Subject subject(PrintWriter err) throws Exception {
        if (target != null && projectFile == null && ExportedProject.looksLikeProject(target)) {
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
        if (target == null && projectFile == null) {
            throw new WorkbenchException("give an exported project folder, a model file or --project file.zkwb");
        }
        if (target != null && !Files.isRegularFile(target)) {
            throw new WorkbenchException(target + " is neither a project exported by `zkml export` nor a model file");
        }
        ModelInputs inputs = new ModelInputs();
        inputs.model = target;
        inputs.data = data;
        inputs.quant = quant;
        inputs.project = projectFile;
        ModelSession session = inputs.open();
        CompiledModel c = compile.compile(inputs, session);
        if (c.weightsMode().privateWeights() && compile.salt == null && c.settings().salt() != null) {
            // Proving a model file directly draws a fresh salt that no file keeps: say it, or the commitment
            // can never be re-checked by an auditor (export first to keep it in weights-salt.txt).
            err.println("weights commitment salt (random; saved nowhere): " + c.settings().salt().hex()
                    + " - keep it: an auditor needs it for verify --salt");
        }
        return new Subject(null, session, c, null);
    }

    /** The exported program again, compiled with the settings its export.json records, and its salt. */
    private CompiledModel compileWith(ModelSession session, ExportedProject p) {
        String quantJson = p.quantJson();
        var spec = new io.zkml.workbench.quant.QuantSpecJson().fromJson(quantJson, "quant.json");
        var m = p.manifest();
        CompileSettings settings = new CompileSettings(m.weightsMode() == null ? null : WeightsMode.parse(m.weightsMode()),
                m.programId().replace(".aleo", ""),
                m.consensusVersion() == null ? null : ConsensusVersion.valueOf(m.consensusVersion()))
                .withScheme(io.zkml.workbench.codegen.CommitmentScheme.ofRecorded(m.commitmentScheme()))
                .withSalt(compile.salt != null ? io.zkml.workbench.codegen.WeightsSalt.parse(compile.salt) : p.salt());
        if (settings.weightsMode() != WeightsMode.PINNED) {
            return ModelCompiler.standard().compileWith(session, spec, quantJson, settings, null);
        }
        try (SidecarClient client = new SidecarClient()) {
            return ModelCompiler.standard().compileWith(session, spec, quantJson, settings, client.fieldHash());
        }
    }

    /**
     * @param project the exported folder proven from; null for a model, which {@link ProvingWorkflow}
     *                exports itself (Leo proving exports it first: {@link #exported()})
     */
    private record Subject(ExportedProject project, ModelSession session, CompiledModel compiled, Path tempDir) {

        /** This subject with its program exported to a temporary folder (deleted by {@link #cleanUp()}). */
        Subject exported() throws IOException {
            if (project != null) {
                return this;
            }
            ProvingWorkflow.requireOneProgram(compiled);
            Path tmp = Files.createTempDirectory("zkml-prove-");
            new ModelExport(ModelCompiler.standard()).export(session, compiled, tmp.resolve("project"), false);
            return new Subject(ExportedProject.read(tmp.resolve("project")), session, compiled, tmp);
        }

        String baseName() {
            return project != null ? project.manifest().programId().replace(".aleo", "")
                    : compiled.program().programName();
        }

        List<String> classes() {
            return project != null ? project.manifest().output().classNames() : compiled.output().classNames();
        }

        /** How the program's outputs read (class names, scales), from the export's record or the compiled model. */
        OutputFormat outputFormat() {
            return project != null ? project.manifest().output() : compiled.output();
        }

        SampleRow row(int n) {
            if (project == null) {
                // The rows export would write to inputs/samples.json.
                List<SampleRow> rows = ModelExport.testRows(session, compiled);
                if (n < 0 || n >= rows.size()) {
                    throw new WorkbenchException("--row " + n + ": the dataset has rows 0 to " + (rows.size() - 1));
                }
                return RowEncoder.requireClean(rows.get(n));
            }
            SampleJson s = project.sample(n);
            // samples.json lists every output the program returns; the prover compares the model's own.
            return RowEncoder.requireClean(new SampleRow(s.row(), s.rawFeatures(), s.label(), s.inputs(),
                    OutputDecoder.modelOutputs(s.expectedOutputs()), null, s.overflow()));
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
