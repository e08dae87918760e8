package io.zkml.workbench;

import io.zkml.workbench.cli.ZkmlCli;
import io.zkml.workbench.ui.WorkbenchLauncher;

/**
 * The one entry point of the jar: without arguments it opens the workbench UI, with a
 * command it runs the headless CLI, so installers ship a single launcher.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--screenshot") || args[0].equals("--ui")) {
            WorkbenchLauncher.launch(args.length > 0 && args[0].equals("--ui")
                    ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
            return;
        }
        System.exit(ZkmlCli.run(args));
    }
}
