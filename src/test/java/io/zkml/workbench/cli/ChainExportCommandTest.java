package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.Fees;
import io.zkml.workbench.export.LeoProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.GoldenJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zkml export} of a chain of programs (issue #13): iris-tiny cut after layer0 becomes a Leo
 * workspace with one package per program, each text the compiled segment's, the packages' imports,
 * dependencies and calls agreeing, and export.json recording the cuts, every transition and its fee.
 * No Leo binary is installed here, so the Leo texts are held to the structure Leo 4 parses (imports
 * before the program, one entry {@code fn}, the external call's arguments and result typed as the
 * callee declares them) and pinned as golden files.
 */
public class ChainExportCommandTest {

    private static final String IRIS_TINY = "sample-models/iris-tiny.zip";
    /** The golden chain; the snarkVM tier records its transitions' circuits under {@code snarkvm/} + this. */
    public static final String GOLDEN = "chains/iris-tiny-split-layer0";
    private static final List<String> PACKAGES = List.of("iris_tiny", "iris_tiny_s1");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path export(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("export", IRIS_TINY, "--split-after", "layer0", "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(null, args.toArray(String[]::new));
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        return out;
    }

    /** The chain the exported spec compiles to, through the one compiler. */
    private static CompiledModel compiled(Path out) throws Exception {
        ModelSession s = ModelSession.open(Path.of(IRIS_TINY), null);
        String spec = Files.readString(out.resolve(LeoProject.QUANT));
        return ModelCompiler.standard().compile(s, new QuantSpecJson().fromJson(spec, "quant.json"), spec,
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void exportWritesOneLeoPackagePerProgramWithTheCompiledTexts() throws Exception {
        Path out = export(tmp.resolve("w"));
        List<String> expected = new ArrayList<>(LeoProject.CHAIN_FILES);
        for (String p : PACKAGES) {
            for (String f : List.of(LeoProject.MANIFEST, LeoProject.LEO_SOURCE, LeoProject.ALEO)) {
                expected.add(p + "/" + f);
            }
        }
        assertEquals(new TreeSet<>(expected).stream().toList(), files(out));

        CompiledModel m = compiled(out);
        assertEquals(2, m.segments().size());
        for (CompiledSegment seg : m.segments()) {
            assertEquals(seg.aleoText(), Files.readString(out.resolve(LeoProject.inPackage(seg.programId(), LeoProject.ALEO))),
                    seg.programId());
            assertEquals(seg.leoText(), Files.readString(out.resolve(LeoProject.inPackage(seg.programId(), LeoProject.LEO_SOURCE))),
                    seg.programId());
        }

        Map<String, String> golden = new LinkedHashMap<>();
        for (String f : files(out)) {
            String text = Files.readString(out.resolve(f));
            golden.put(f, f.equals(LeoProject.EXPORT) ? GoldenJson.without(text, SampleGoldens.EXPORT_MACHINE_FIELDS) : text);
        }
        GoldenFiles.assertMatches(GOLDEN, golden);
    }

    /**
     * Every transition's predicted circuit equals the one snarkVM synthesized for the golden chain
     * ({@code ChainProofSnarkVmTest} records it), in all five counts, and is reported exact: the call's
     * shape is one snarkVM confirmed, so nothing in it is an estimate.
     */
    @Test
    void eachTransitionsPredictionIsExactAndEqualsSnarkVmsRecordedCircuit() throws Exception {
        if (GoldenFiles.updating()) {
            return; // a rewrite may change the programs; the snarkVM tier re-records their circuits
        }
        CompiledModel m = compiled(export(tmp.resolve("w")));
        for (CompiledSegment seg : m.segments()) {
            assertEquals(GoldenFiles.read(GOLDEN, seg.program().programName() + "/" + LeoProject.ALEO), seg.aleoText());
            assertTrue(seg.cost().exact(), seg.programId() + " estimated: " + seg.cost().estimated());
            RecordedCircuits.assertPredictionMatches(GOLDEN + "/" + seg.program().programName(), seg.cost().total(),
                    seg.srsDegreeLog2());
        }
    }

    @Test
    void importsDependenciesAndCallsAgreeAcrossThePackages() throws Exception {
        Path out = export(tmp.resolve("w"));
        JsonNode ws = json.readTree(out.resolve(LeoProject.WORKSPACE).toFile());
        assertEquals(List.of("iris_tiny_s1", "iris_tiny"), strings(ws.path("members")), "callees first");
        for (int i = 0; i < PACKAGES.size(); i++) {
            Path pkg = out.resolve(PACKAGES.get(i));
            String id = PACKAGES.get(i) + ".aleo";
            JsonNode manifest = json.readTree(pkg.resolve(LeoProject.MANIFEST).toFile());
            assertEquals(id, manifest.path("program").asText());
            String leo = Files.readString(pkg.resolve(LeoProject.LEO_SOURCE));
            String aleo = Files.readString(pkg.resolve(LeoProject.ALEO));
            List<String> next = i + 1 < PACKAGES.size() ? List.of(PACKAGES.get(i + 1) + ".aleo") : List.of();
            List<String> deps = new ArrayList<>();
            for (JsonNode d : manifest.path("dependencies")) {
                deps.add(d.path("name").asText());
                assertEquals("local", d.path("location").asText());
                Path dep = pkg.resolve(d.path("path").asText()).normalize();
                assertEquals(d.path("name").asText(), json.readTree(dep.resolve(LeoProject.MANIFEST).toFile())
                        .path("program").asText(), "the dependency's path is the package of that program");
            }
            assertEquals(next, deps, id + " depends on the program it calls, and only on it");
            assertEquals(next, imports(leo), id + ": Leo imports");
            assertEquals(next, imports(aleo), id + ": Aleo imports");
            assertTrue(next.isEmpty() ? manifest.path("dependencies").isNull() : true);
            LeoShape shape = LeoShape.of(leo);
            assertEquals(id, shape.programId());
            if (!next.isEmpty()) {
                LeoShape callee = LeoShape.of(Files.readString(out.resolve(PACKAGES.get(i + 1)).resolve(LeoProject.LEO_SOURCE)));
                shape.requireCallOf(callee);
                assertTrue(aleo.contains("    call " + next.get(0) + "/main "), aleo);
            } else {
                assertNull(shape.call(), id + " is the last program and calls none");
            }
        }
    }

    @Test
    void exportJsonRecordsTheCutsEveryTransitionAndItsFeeAndReadsBack() throws Exception {
        Path out = export(tmp.resolve("w"));
        CompiledModel m = compiled(out);
        ExportManifest read = new ObjectMapper().readValue(out.resolve(LeoProject.EXPORT).toFile(), ExportManifest.class);
        assertEquals(ExportManifest.of(m), read, "export.json reads back as the compiled model's manifest");
        assertEquals(ExportManifest.CHAIN_FORMAT_VERSION, read.formatVersion());
        assertEquals(List.of("layer0"), read.chain().cuts().cutAfter());
        assertEquals(List.of("layer0"), read.chain().cuts().splitAfter());
        assertNull(read.chain().cuts().maxSrsLog2());
        assertEquals(2, read.chain().transitions().size());
        long fees = 0;
        for (int i = 0; i < 2; i++) {
            CompiledSegment seg = m.segments().get(i);
            CostReport.TransitionRow t = read.chain().transitions().get(i);
            assertEquals(seg.programId(), t.programId());
            assertEquals(seg.cost().total().constraints(), t.constraints());
            assertEquals(seg.cost().total().nonZeroB(), t.nonZeroB());
            assertEquals(seg.srsDegreeLog2(), t.srsDegreeLog2());
            assertEquals(seg.instructions(), t.instructions());
            assertEquals(seg.aleoText().length(), t.characters());
            assertEquals(Fees.deploymentEstimate(seg.programId(), seg.aleoText().length(), seg.cost().total()).total(),
                    t.deploymentFeeEstimateMicrocredits());
            assertEquals(Fees.transitionBytes(seg.program()), t.executionBytes());
            fees += t.deploymentFeeEstimateMicrocredits();
        }
        assertEquals(fees, read.fees().deploymentFeesEstimateMicrocredits());
        assertEquals(m.executionFee().total(), read.fees().executionFeeMicrocredits());
        assertEquals(m.totalConstraints(), read.chain().totalConstraints());
    }

    @Test
    void forceReplacesOnlyTheExportsFilesAndRefusesAnExportOfTheOtherKind() throws Exception {
        Path out = export(tmp.resolve("w"));
        Files.writeString(out.resolve("iris_tiny/.env"), "NETWORK=testnet\n");
        Files.writeString(out.resolve(LeoProject.inPackage("iris_tiny_s1.aleo", LeoProject.ALEO)), "stale");
        CliRunner.Result again = CliRunner.run(null, "export", IRIS_TINY, "--split-after", "layer0", "--out", out.toString());
        assertEquals(ZkmlCli.USER_ERROR, again.exit(), "without --force a non-empty folder is refused");
        export(out, "--force");
        assertEquals("NETWORK=testnet\n", Files.readString(out.resolve("iris_tiny/.env")), "the user's file stays");
        assertEquals(compiled(out).segments().get(1).aleoText(),
                Files.readString(out.resolve(LeoProject.inPackage("iris_tiny_s1.aleo", LeoProject.ALEO))));

        CliRunner.Result single = CliRunner.run(null, "export", IRIS_TINY, "--out", out.toString(), "--force");
        assertEquals(ZkmlCli.USER_ERROR, single.exit(), single.out() + single.err());
        assertTrue(single.err().contains("holds the Leo workspace of a chain"), single.err());
        assertFalse(Files.exists(out.resolve(LeoProject.ALEO)), "nothing of the one-program export was written");

        Path one = tmp.resolve("one");
        assertEquals(ZkmlCli.OK, CliRunner.run(null, "export", IRIS_TINY, "--out", one.toString()).exit());
        CliRunner.Result chain = CliRunner.run(null, "export", IRIS_TINY, "--split-after", "layer0", "--out",
                one.toString(), "--force");
        assertEquals(ZkmlCli.USER_ERROR, chain.exit(), chain.out() + chain.err());
        assertTrue(chain.err().contains("holds a one-program export"), chain.err());
        assertFalse(Files.exists(one.resolve(LeoProject.WORKSPACE)));
        assertFalse(chain.err().contains("\tat "), "no stack trace");
    }

    @Test
    void theSrsNoteNamesTheLargestTransitionNotTheEntry() {
        // digits-cnn cut after its reshape: the entry needs 2^16, the program after it 2^19. The batch proof needs
        // the largest, which the note printed as the entry's (2^16, which is shipped offline) before.
        CliRunner.Result r = CliRunner.run(null, "export", "sample-models/digits-cnn.zip", "--split-after", "conv_reshape",
                "--out", tmp.resolve("digits").toString());
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(SRS 2^16)") && r.out().contains("(SRS 2^19)"), r.out());
        assertTrue(r.out().contains("note: the circuit needs SRS 2^19; proving downloads its parameter files"), r.out());
    }

    @Test
    void aChainWorkspaceIsNotProvenFromTheFolderButNamesTheModelCommand() {
        Path out = export(tmp.resolve("w"));
        assertTrue(ExportedProject.looksLikeProject(out));
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ExportedProject.read(out));
        assertTrue(e.getMessage().contains("zkml prove MODEL") && e.getMessage().contains("--split-after layer0"),
                e.getMessage());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> imports(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^import ([a-z0-9_]+\\.aleo);$").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * What Leo 4's parser needs of a generated program, checked without Leo: comments and imports
     * before {@code program id {}, one entry {@code fn main(...) -> public T}, statements ending in
     * {@code ;}, balanced brackets, the {@code @noupgrade} constructor, and at most one external call
     * {@code let x: T = other.aleo::main(args);} whose arguments are defined before it.
     */
    record LeoShape(String programId, List<String> paramTypes, String returnType, Matcher call, String text) {

        private static final Pattern PROGRAM = Pattern.compile("(?m)^program ([a-z0-9_]+\\.aleo) \\{$");
        private static final Pattern FN = Pattern.compile("(?m)^    fn main\\((.*)\\) -> public (\\S+) \\{$");
        private static final Pattern CALL = Pattern.compile(
                "(?m)^        let (\\w+): (\\S+) = ([a-z0-9_]+\\.aleo)::main\\(([^)]*)\\);$");

        static LeoShape of(String leo) {
            String code = leo.replaceAll("(?m)^\\s*//.*$", "");
            for (char[] pair : new char[][] {{'{', '}'}, {'(', ')'}, {'[', ']'}}) {
                int depth = 0;
                for (char c : code.toCharArray()) {
                    depth += c == pair[0] ? 1 : c == pair[1] ? -1 : 0;
                    assertTrue(depth >= 0, "unbalanced " + pair[1]);
                }
                assertEquals(0, depth, "unbalanced " + pair[0]);
            }
            Matcher program = PROGRAM.matcher(leo);
            assertTrue(program.find(), leo);
            String before = leo.substring(0, program.start());
            for (String line : before.split("\n")) {
                assertTrue(line.isEmpty() || line.startsWith("// ") || line.matches("import [a-z0-9_]+\\.aleo;"),
                        "only comments and imports before the program: " + line);
            }
            Matcher fn = FN.matcher(leo);
            assertTrue(fn.find(), "one entry fn main");
            assertFalse(fn.find(), "one entry fn main only");
            fn = FN.matcher(leo);
            fn.find();
            List<String> types = new ArrayList<>();
            for (String p : splitTopLevel(fn.group(1))) {
                types.add(p.substring(p.indexOf(':') + 1).trim());
            }
            String body = leo.substring(fn.end(), leo.indexOf("\n    }\n", fn.end()));
            for (String line : body.split("\n")) {
                String t = line.trim();
                assertTrue(t.isEmpty() || t.startsWith("// ") || t.endsWith(";"), "a statement ends with ';': " + t);
            }
            assertTrue(leo.contains("\n    @noupgrade\n    constructor() {}\n}\n"), "the constructor closes the program");
            Matcher call = CALL.matcher(leo);
            return new LeoShape(program.group(1), types, fn.group(2), call.find() ? call : null, leo);
        }

        /** The call passes what the callee takes, each argument defined before, and gets back what it returns. */
        void requireCallOf(LeoShape callee) {
            assertTrue(call != null, programId + " calls " + callee.programId());
            assertEquals(callee.programId(), call.group(3));
            assertEquals(callee.returnType(), call.group(2), "the call's result has the callee's return type");
            List<String> args = splitTopLevel(call.group(4));
            assertEquals(callee.paramTypes().size(), args.size(), "one argument per parameter of the callee");
            String before = text.substring(0, call.start());
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i).trim();
                assertTrue(before.contains("let " + arg + ": " + callee.paramTypes().get(i) + " = "),
                        arg + " is defined before the call with the callee's parameter type " + callee.paramTypes().get(i));
            }
            assertTrue(text.substring(call.end()).contains("return " + call.group(1) + ";"),
                    "the caller returns what the callee returned");
        }

        private static List<String> splitTopLevel(String s) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (char c : s.toCharArray()) {
                depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
                if (c == ',' && depth == 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            if (!cur.toString().isBlank()) {
                out.add(cur.toString());
            }
            return out;
        }
    }
}
