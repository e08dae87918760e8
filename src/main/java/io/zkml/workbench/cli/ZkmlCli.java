package io.zkml.workbench.cli;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.prove.SidecarException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless tool: one picocli command per pipeline step, all over the same core the UI uses.
 * Exit codes are part of the contract with scripts: 0 ok, 1 user error, 2 verification failed,
 * 3 internal error, 4 the work could not be done on this machine (no verdict on any proof).
 */
@Command(name = "zkml", mixinStandardHelpOptions = true, versionProvider = ZkmlCli.Version.class,
        description = "zkML Workbench: turn DL4J networks into Aleo zero-knowledge programs and see what they cost.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:user error (bad file or option; the message says what and where)", "2:verification failed",
                "3:internal error (a bug in zkML Workbench)",
                "4:the prover stopped (the snarkVM sidecar exited or was killed, timed out, or the run was cancelled)",
                "130:interrupted (Ctrl-C)"},
        subcommands = {InspectCommand.class, CalibrateCommand.class, EvalCommand.class, SimulateCommand.class,
                AutoTuneCommand.class, ExportCommand.class, CostCommand.class, ProveCommand.class,
                VerifyCommand.class, CalibrateCostsCommand.class, TrainSamplesCommand.class, VersionCommand.class,
                BenchCommand.class, BenchLiveCommand.class, BenchProveCommand.class, BenchWeightsCommand.class, BenchChainCommand.class})
public final class ZkmlCli {

    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int VERIFICATION_FAILED = 2;
    public static final int INTERNAL_ERROR = 3;
    /**
     * The work could not be done on this machine, which is no verdict: {@code verify} could not run
     * a check (no Node.js, missing SRS parameters, the sidecar stopped), or the prover stopped before
     * it answered (the snarkVM sidecar exited or was killed — the message names the exit code or
     * signal —, gave no heartbeat, ran past its time limit, or the run was cancelled). Not a bug: fix
     * the machine and run again (Ctrl-C itself ends the JVM with 130).
     */
    public static final int COULD_NOT_RUN = 4;

    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The CLI as picocli runs it, for callers that capture its output (the workbench's tests compare with it). */
    public static CommandLine commandLine() {
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
                ? USER_ERROR : t instanceof SidecarException s && s.proverStopped() ? COULD_NOT_RUN : INTERNAL_ERROR);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (isUserError(e)) {
            cl.getErr().println("error: " + e.getMessage());
            return USER_ERROR;
        }
        if (e instanceof SidecarException s && s.proverStopped()) {
            cl.getErr().println("error: " + e.getMessage());
            return COULD_NOT_RUN;
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
