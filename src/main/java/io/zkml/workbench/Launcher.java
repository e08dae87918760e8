package io.zkml.workbench;

import io.zkml.workbench.cli.ZkmlCli;

/**
 * The one entry point of the jar: without arguments it opens the workbench UI, with a
 * command it runs the headless CLI, so installers ship a single launcher.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // Until the UI lands the bare launcher shows what the CLI can do.
            System.exit(ZkmlCli.run(new String[] {"--help"}));
        }
        System.exit(ZkmlCli.run(args));
    }
}
