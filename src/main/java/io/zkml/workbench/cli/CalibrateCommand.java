package io.zkml.workbench.cli;

import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Propose per-layer fixed-point widths from a dataset's activation ranges.")
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Option(names = "--out", paramLabel = "QUANT_JSON", description = "Write the spec to this file.")
    Path out;

    @Option(names = "--json", description = "Print the spec as one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelSession session = inputs.open();
        QuantSpec quant;
        try (CliProgress.Bar bar = CliProgress.forCommand(json).start("calibrate", -1)) {
            quant = session.calibrate();
        }
        QuantSpecJson io = new QuantSpecJson();
        if (out != null) {
            io.write(quant, out);
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            pw.println(io.toJson(quant));
        } else {
            pw.println(io.toJson(quant));
            if (out != null) {
                pw.println("written to " + out);
            }
        }
        pw.flush();
        return ZkmlCli.OK;
    }
}
