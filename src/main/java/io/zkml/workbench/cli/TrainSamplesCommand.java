package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.samples.OnnxSamples;
import io.zkml.workbench.samples.SampleTrainer;
import io.zkml.workbench.samples.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train-samples", mixinStandardHelpOptions = true,
        description = "Retrain the bundled sample models deterministically (fixed seeds and split) and write the"
                + " ONNX samples from their weights.")
final class TrainSamplesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sample-models",
            description = "Folder for <name>.zip and data/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Train only these samples (an ONNX sample's name writes it from its committed source zip).")
    List<String> only;

    @Option(names = "--fashion-mnist", paramLabel = "DIR",
            description = "Folder with the four Fashion-MNIST IDX files (default: ../shared/datasets/fashion-mnist,"
                    + " then /usr/share/datasets/fashion-mnist from Debian's dataset-fashion-mnist package).")
    Path fashionMnist;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SampleTrainer trainer = new SampleTrainer(Optional.ofNullable(fashionMnist));
        List<String> names = only == null ? List.of() : only;
        List<TrainingReport> reports = new ArrayList<>();
        if (names.isEmpty()) {
            reports.addAll(trainer.trainAll(out));
        } else {
            for (String name : names) {
                if (OnnxSamples.find(name).isPresent()) {
                    continue;
                }
                try {
                    reports.add(trainer.train(name, out));
                } catch (IllegalArgumentException e) {
                    throw new WorkbenchException(e.getMessage(), e);
                }
            }
        }
        // The ONNX samples carry DL4J samples' weights: written again whenever their source was trained.
        for (OnnxSamples.Spec onnx : OnnxSamples.ALL) {
            if (names.isEmpty() || names.contains(onnx.name()) || names.contains(onnx.source())) {
                Path written = new OnnxSamples().write(onnx, out);
                spec.commandLine().getErr().println("wrote " + written + " from " + onnx.source() + ".zip");
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(pw, reports);
        } else {
            reports.forEach(pw::println);
            pw.flush();
        }
        return ZkmlCli.OK;
    }
}
