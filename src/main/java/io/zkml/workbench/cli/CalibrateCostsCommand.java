package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.tooling.CalibrateCosts;
import io.zkml.workbench.circuit.CalibrationProbe;
import io.zkml.workbench.circuit.CalibrationProbes;
import io.zkml.workbench.circuit.CostTable;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.prove.CircuitInfo;
import io.zkml.workbench.prove.SynthesisResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-measures the cost table the constraint predictions rest on: synthesizes every calibration
 * probe with snarkVM through the sidecar and differences the counts into per-instruction costs.
 * With {@code --from-measurements} it only redoes the differencing from saved measurement lines
 * (seconds, no sidecar), which is also how to check a table someone else measured.
 */
@Command(name = "calibrate-costs", mixinStandardHelpOptions = true,
        description = {"Measure the per-instruction constraint costs with snarkVM and write the cost table.",
            "A full run synthesizes every probe program (about a minute each on two cores)."})
final class CalibrateCostsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "COST_TABLE_JSON", defaultValue = "cost-table.json",
            description = "Where to write the table (atomically; default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--measurements", paramLabel = "JSONL",
            description = "Also keep the raw measurements, one JSON line per probe (input for --from-measurements).")
    Path measurements;

    @Option(names = "--from-measurements", paramLabel = "JSONL",
            description = "Do not run snarkVM: build the table from measurement lines saved earlier.")
    Path fromMeasurements;

    @Option(names = "--only", paramLabel = "REGEX", description = "Measure only the probes whose name matches.")
    String only;

    @Option(names = "--list", description = "List the probe programs and exit (nothing is measured or written).")
    boolean list;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    private final SidecarSource sidecars = new SidecarSource(null);
    private final ObjectMapper mapper = new ObjectMapper();

    /** One line of the measurement file, in the format {@link CalibrateCosts#table} reads. */
    record Measurement(String name, String program, long constraints, long variables, long nonZeroA, long nonZeroB,
                       long nonZeroC) {
    }

    record ProbeJson(String name, String target, int count, String baseline) {
    }

    record ResultJson(String table, String source, int probesMeasured, int costs, List<String> measuredNow) {
    }

    @Override
    public Integer call() throws Exception {
        List<CalibrationProbe> probes = selected();
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            List<ProbeJson> rows = probes.stream().map(p -> new ProbeJson(p.name(), p.target() != null ? p.target()
                    : p.ioKey(), p.count(), p.baseline())).toList();
            if (json) {
                new JsonOutput().print(o, rows);
            } else {
                rows.forEach(r -> o.printf("%-70s %s%s%n", r.name(), r.target() == null ? "(fixed)" : r.target(),
                        r.count() > 1 ? " x" + r.count() : ""));
                o.printf("%d probes%n", rows.size());
                o.flush();
            }
            return ZkmlCli.OK;
        }
        List<String> lines;
        List<String> measuredNow = new ArrayList<>();
        if (fromMeasurements != null) {
            if (!Files.isRegularFile(fromMeasurements)) {
                throw new WorkbenchException(fromMeasurements + ": measurement file not found");
            }
            lines = Files.readAllLines(fromMeasurements);
        } else {
            lines = measure(probes, measuredNow);
        }
        CostTable table;
        try {
            table = new CalibrateCosts().table(lines);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new WorkbenchException("cannot build the cost table: " + e.getMessage()
                    + " (a partial --only run lacks the baselines the differences need)", e);
        }
        AtomicFiles.writeString(out, table.toJson());
        ResultJson r = new ResultJson(out.toAbsolutePath().toString(), table.source(), lines.size(),
                table.costs().size(), measuredNow);
        if (json) {
            new JsonOutput().print(o, r);
        } else {
            o.printf("wrote %s: %d instruction/shape costs from %d measurements (%s)%n", out, r.costs(),
                    r.probesMeasured(), r.source());
            o.flush();
        }
        return ZkmlCli.OK;
    }

    private List<CalibrationProbe> selected() {
        if (only == null) {
            return CalibrationProbes.all();
        }
        Pattern p;
        try {
            p = Pattern.compile(only);
        } catch (PatternSyntaxException e) {
            throw new WorkbenchException("--only '" + only + "' is not a regular expression: " + e.getDescription(), e);
        }
        List<CalibrationProbe> s = CalibrationProbes.all().stream().filter(c -> p.matcher(c.name()).find()).toList();
        if (s.isEmpty()) {
            throw new WorkbenchException("--only '" + only + "' matches no probe; see `zkml calibrate-costs --list`");
        }
        return s;
    }

    private List<String> measure(List<CalibrationProbe> probes, List<String> measuredNow) throws IOException {
        PrintWriter err = json ? null : spec.commandLine().getErr();
        CliProgress progress = CliProgress.forCommand(json);
        List<String> lines = new ArrayList<>();
        try (SidecarSource.Lease lease = sidecars.open(progress, err);
             CliProgress.Bar bar = progress.start("calibrate-costs", probes.size())) {
            lease.bars().hostedBy(bar);
            for (CalibrationProbe p : probes) {
                lease.bars().note(p.name());
                SynthesisResult s = lease.client.synthesize(p.program(), "main", p.inputs());
                CircuitInfo c = s.circuit();
                String line = mapper.writeValueAsString(new Measurement(p.name(), p.program(), c.constraints(),
                        c.variables(), c.nonZeroA(), c.nonZeroB(), c.nonZeroC()));
                lines.add(line);
                measuredNow.add(p.name());
                if (measurements != null) {
                    // Appended as it goes, so a long run interrupted late keeps what it measured.
                    Files.writeString(measurements, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
                bar.step();
            }
        }
        return lines;
    }
}
