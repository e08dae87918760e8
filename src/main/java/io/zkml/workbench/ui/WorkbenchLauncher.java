package io.zkml.workbench.ui;

import javafx.application.Application;

/**
 * Entry point the project's launcher calls when started without a command. Kept separate from
 * {@link WorkbenchApp} because a main class that extends Application cannot start from a plain
 * class-path jar.
 */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    public static void main(String[] args) {
        launch(args);
    }
}
