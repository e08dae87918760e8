package io.zkml.workbench.cli;

import io.zkml.workbench.quant.CollapseCheck;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.LayerError;
import io.zkml.workbench.quant.OutputMetrics;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Simulate the quantized network on a dataset: per-layer error and output metrics,"
                + " with a warning on overflow or collapse (most values clipped, or accuracy lost).")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** @param collapse the collapse warning ({@link CollapseCheck}), or null when the spec is healthy */
    record EvalJson(String model, int samples, QuantEvaluation evaluation, CollapseWarning collapse) {
    }

    @Override
    public Integer call() throws Exception {
        ModelSession session = inputs.open();
        QuantEvaluation ev;
        try (CliProgress.Bar bar = CliProgress.forCommand(json).start("evaluate", -1)) {
            ev = session.evaluate(inputs.spec(session));
        }
        PrintWriter out = spec.commandLine().getOut();
        int n = session.normalizedFeatures().length;
        CollapseWarning collapse = CollapseCheck.check(ev).orElse(null);
        if (json) {
            new JsonOutput().print(out, new EvalJson(session.graph().name(), n, ev, collapse));
            return ZkmlCli.OK;
        }
        out.printf("%s on %d samples, float reference: %s%s%n", session.graph().name(), n, ev.reference().kind(),
                ev.reference().note().isEmpty() ? "" : " (" + ev.reference().note() + ")");
        out.printf("%-22s %12s %12s %12s %9s %9s%n", "layer", "max |err|", "MAE", "RMSE", "SQNR dB", "clipped");
        for (LayerError l : ev.layers()) {
            out.printf("%-22s %12.6f %12.6f %12.6f %9.1f %8.2f%%%n", l.layer(), l.maxAbsError(), l.mae(), l.rmse(),
                    l.sqnrDb(), 100 * l.saturatedFraction());
        }
        OutputMetrics o = ev.output();
        if (o.classifier()) {
            out.printf("accuracy: float %.2f%%, quantized %.2f%%, argmax agreement %.2f%%%n",
                    100 * o.floatAccuracy(), 100 * o.quantizedAccuracy(), 100 * o.argmaxAgreement());
        } else {
            out.printf("MAE vs targets %.4f (RMSE %.4f); vs float model MAE %.6f (RMSE %.6f)%n",
                    o.maeVsLabels(), o.rmseVsLabels(), o.maeVsFloat(), o.rmseVsFloat());
        }
        if (!ev.overflow().isClean()) {
            out.println("WARNING: overflow — the Aleo program would abort on these inputs:");
            out.print(ev.overflow().summary());
        }
        if (collapse != null) {
            out.println("WARNING: collapse — " + collapse.message());
        }
        out.flush();
        return ZkmlCli.OK;
    }
}
