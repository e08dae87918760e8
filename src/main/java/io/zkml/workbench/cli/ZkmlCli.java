package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.importer.ModelImportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless tool: one picocli command per pipeline step, all over the same core the UI uses.
 * Exit codes are part of the contract with scripts: 0 ok, 1 user error, 2 verification failed,
 * 3 internal error.
 */
@Command(name = "zkml", mixinStandardHelpOptions = true, versionProvider = ZkmlCli.Version.class,
        description = "zkML Workbench: turn DL4J networks into Aleo zero-knowledge programs and see what they cost.",
        subcommands = {InspectCommand.class, CalibrateCommand.class, EvalCommand.class, SimulateCommand.class,
                AutoTuneCommand.class, ExportCommand.class, CostCommand.class, ProveCommand.class,
                VerifyCommand.class, CalibrateCostsCommand.class, TrainSamplesCommand.class, VersionCommand.class,
                BenchCommand.class, BenchLiveCommand.class, BenchProveCommand.class, BenchWeightsCommand.class})
public final class ZkmlCli {

    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int VERIFICATION_FAILED = 2;
    public static final int INTERNAL_ERROR = 3;

    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * With a factory that hands prove/verify one shared snarkVM sidecar (tests, the UI), instead
     * of each command starting and stopping its own.
     */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new ZkmlCli(), factory);
        cl.setExecutionExceptionHandler(ZkmlCli::handle);
        // A mistyped command line is the user's to fix, like a bad file: exit 1, not "internal error".
        cl.setExitCodeExceptionMapper(t -> isUserError(t) || t instanceof CommandLine.ParameterException
                ? USER_ERROR : INTERNAL_ERROR);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (isUserError(e)) {
            cl.getErr().println("error: " + e.getMessage());
            return USER_ERROR;
        }
        cl.getErr().println("internal error: " + e + "\n(this is a bug in zkML Workbench; the stack trace follows)");
        e.printStackTrace(cl.getErr());
        return INTERNAL_ERROR;
    }

    /** Problems the user can fix: printed as their message alone, exit code 1. */
    static boolean isUserError(Throwable t) {
        return t instanceof WorkbenchException || t instanceof ModelImportException || t instanceof DatasetException;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolVersion.current().toString()};
        }
    }
}
