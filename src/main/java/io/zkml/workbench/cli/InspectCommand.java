package io.zkml.workbench.cli;

import io.zkml.workbench.graph.GraphSummary;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.ModelImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a model's layers, shapes, parameter counts and activations.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "DL4J model zip (MultiLayerNetwork or ComputationGraph) or Keras .h5 file (or give --project).")
    Path model;

    @Option(names = "--project", paramLabel = "ZKWB", description = "A workbench project (.zkwb): inspect its model.")
    Path project;

    @Option(names = "--json", description = "Print one JSON document (fields documented in README).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelInputs inputs = new ModelInputs();
        inputs.model = model;
        inputs.project = project;
        ModelGraph graph = new ModelImporter().importModel(inputs.modelFile());
        GraphSummary summary = GraphSummary.of(graph);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, summary);
            return ZkmlCli.OK;
        }
        out.printf("%s  (%s, %,d parameters, input %s, normaliser %s)%n", summary.model(), summary.sourceKind(),
                summary.parameters(), summary.inputShape(), summary.normalizer());
        out.printf("%-3s %-22s %-11s %-12s %10s  %-12s %s%n", "#", "name", "type", "output", "params", "activation", "details");
        for (GraphSummary.LayerSummary l : summary.layers()) {
            out.printf("%-3d %-22s %-11s %-12s %,10d  %-12s %s%n", l.index(), l.name(), l.type(),
                    String.join("x", l.outputShape().stream().map(String::valueOf).toList()), l.parameters(),
                    l.activation(), l.details());
        }
        out.flush();
        return ZkmlCli.OK;
    }
}
