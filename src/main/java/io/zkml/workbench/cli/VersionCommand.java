package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarManifest;
import io.zkml.workbench.prove.SidecarUnavailableException;
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

    @Option(names = "--sidecar", description = "Also say which snarkVM sidecar this installation runs and whether its "
            + "files are the ones this build shipped (exit 1 if not). Does not start Node.js.")
    boolean sidecar;

    @Override
    public Integer call() {
        ToolVersion v = ToolVersion.current();
        if (json) {
            new JsonOutput().print(spec.commandLine().getOut(),
                    new VersionJson("zkml-workbench", v.version(), System.getProperty("java.version")));
        } else {
            spec.commandLine().getOut().println(v);
        }
        if (!sidecar) {
            return ZkmlCli.OK;
        }
        var dir = SidecarConfig.fromEnvironment().sidecarDir();
        try {
            SidecarManifest.checkInstalled(dir);
        } catch (SidecarUnavailableException e) {
            spec.commandLine().getErr().println("sidecar: " + e.getMessage());
            return ZkmlCli.USER_ERROR;
        }
        (json ? spec.commandLine().getErr() : spec.commandLine().getOut()).println("sidecar: " + dir + " (as shipped)");
        return ZkmlCli.OK;
    }
}
