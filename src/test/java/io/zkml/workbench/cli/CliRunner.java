package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the CLI in-process, capturing stdout and stderr; prove, verify, export and cost share {@code client} when given
 * (public for the snarkVM tests of other packages that check the CLI beside the workflow it shares).
 */
public final class CliRunner {

    public record Result(int exit, String out, String err) {
    }

    private CliRunner() {
    }

    public static Result run(SidecarClient client, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                if (client != null && cls == ProveCommand.class) {
                    return (K) new ProveCommand(client);
                }
                if (client != null && cls == VerifyCommand.class) {
                    return (K) new VerifyCommand(client);
                }
                if (client != null && cls == ExportCommand.class) {
                    return (K) new ExportCommand(client);
                }
                if (client != null && cls == CostCommand.class) {
                    return (K) new CostCommand(client);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = ZkmlCli.commandLine(factory);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
