package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Duration;

import io.zkml.workbench.project.SamplesFolder;
import io.zkml.workbench.io.WorkbenchHome;

import java.io.InputStream;
import java.util.Objects;

/** The JavaFX application: one main window over the core, with the loader it was given. */
public class WorkbenchApp extends Application {

    static final String CSS = "/io/zkml/workbench/ui/workbench.css";

    private final ModelLoader loader;
    private MainWindow window;

    /** Used by {@link Application#launch}: the real importer. */
    public WorkbenchApp() {
        this(new SessionLoader(SamplesFolder.fromSystem()));
    }

    public WorkbenchApp(ModelLoader loader) {
        this.loader = Objects.requireNonNull(loader);
    }

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        Appearance appearance = new Appearance();
        appearance.darkProperty().set(options.dark());
        appearance.fontSizeProperty().set(options.font());
        appearance.applyTheme();
        SampleGalleryModel gallery = SampleGalleryModel.fromCatalog();
        window = new MainWindow(loader, NodeMetricsProvider.NONE, gallery, appearance, WorkbenchHome.fromSystem());
        appearance.bindFontSize(window);
        stage.setScene(createScene(window, options.width(), options.height()));
        // Below this the toolbar overflows into its » menu and the side tabs get too narrow to read.
        stage.setMinWidth(Math.min(960, options.width()));
        stage.setMinHeight(Math.min(640, options.height()));
        if (options.screenshot().isEmpty() && !options.benchUi()) {
            window.guard(stage);
        } else {
            stage.titleProperty().bind(window.titleBinding());
        }
        addIcons(stage);
        stage.show();
        if (options.benchUi()) {
            new UiBenchmark(window, System.out, options.demo(), options.file(), Platform::exit).start();
            return;
        }

        options.file().ifPresent(f -> {
            if (f.getFileName().toString().endsWith(".zkwb")) {
                window.openProject(f);
            } else {
                window.open(new ModelRequest.File(f));
            }
        });
        // "--demo start" keeps the start page, e.g. to take a picture of the gallery.
        options.demo().filter(id -> !id.equals("start")).ifPresent(id -> gallery.samples()
                .stream().filter(s -> s.id().equals(id)).findFirst()
                .ifPresentOrElse(s -> window.open(new ModelRequest.Sample(s)),
                        () -> window.statusBar().setMessage("No sample named " + id)));
        options.screenshot().ifPresent(path -> {
            if (options.tab().isPresent() || options.audit().isPresent()) {
                new ScreenshotScript(window, options, path).start(stage);
            } else if (options.demo().filter(id -> id.equals("start")).isPresent()) {
                snapshotWhenSettled(stage, path);
            } else {
                window.loadedProperty().addListener((obs, o, model) -> {
                    window.design().activeProperty().set(options.design());
                    options.select().ifPresent(window::selectNode);
                });
                // The picture shows figures, so it waits for the first evaluation to land and for its
                // program (the dashboard's Aleo limits are checked on it) to be generated or refused.
                boolean[] taken = {false};
                // Checked a pulse later: the evaluation is published just before its program is requested.
                javafx.beans.InvalidationListener settled = obs -> Platform.runLater(() -> {
                    if (!taken[0] && window.evaluatedProperty().get() != null && !window.evaluatingProperty().get()
                            && !window.programs().generatingProperty().get()) {
                        taken[0] = true;
                        snapshotWhenSettled(stage, path);
                    }
                });
                window.evaluatedProperty().addListener(settled);
                window.programs().generatingProperty().addListener(settled);
            }
        });
    }

    /** Gives CSS and layout a few pulses so the picture shows the settled window, then exits. */
    static void snapshotWhenSettled(Stage stage, java.nio.file.Path path) {
        PauseTransition settle = new PauseTransition(Duration.millis(800));
        settle.setOnFinished(e -> {
            try {
                Snapshots.writePng(stage.getScene(), path);
                System.out.println("screenshot written to " + path.toAbsolutePath());
            } catch (Exception ex) {
                System.err.println("could not write screenshot: " + ex.getMessage());
            }
            Platform.exit();
        });
        settle.play();
    }

    static Scene createScene(MainWindow root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(WorkbenchApp.class.getResource(CSS)).toExternalForm());
        return scene;
    }

    private static void addIcons(Stage stage) {
        for (int size : new int[] {32, 64, 256}) {
            InputStream in = WorkbenchApp.class.getResourceAsStream("/io/zkml/workbench/ui/icons/app-icon-" + size + ".png");
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
