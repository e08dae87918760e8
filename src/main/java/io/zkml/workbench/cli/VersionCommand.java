package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", description = "Print the tool version.")
final class VersionCommand implements Callable<Integer> {

    record VersionJson(String tool, String version, String java) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        ToolVersion v = ToolVersion.current();
        if (json) {
            new JsonOutput().print(spec.commandLine().getOut(),
                    new VersionJson("zkml-workbench", v.version(), System.getProperty("java.version")));
        } else {
            spec.commandLine().getOut().println(v);
        }
        return ZkmlCli.OK;
    }
}
