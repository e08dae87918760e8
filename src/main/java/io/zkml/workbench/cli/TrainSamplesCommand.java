package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
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
        description = "Retrain the bundled sample models deterministically (fixed seeds and split).")
final class TrainSamplesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sample-models",
            description = "Folder for <name>.zip and data/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Train only these samples.")
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
        List<TrainingReport> reports = new ArrayList<>();
        if (only == null || only.isEmpty()) {
            reports.addAll(trainer.trainAll(out));
        } else {
            for (String name : only) {
                try {
                    reports.add(trainer.train(name, out));
                } catch (IllegalArgumentException e) {
                    throw new WorkbenchException(e.getMessage(), e);
                }
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
