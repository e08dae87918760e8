package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;

import io.zkml.workbench.project.SamplesFolder;
import io.zkml.workbench.io.WorkbenchHome;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** A real workbench window on the bundled samples, for the code, proving and audit tests. */
final class WorkbenchFixture {

    final MainWindow window;

    private WorkbenchFixture(MainWindow window) {
        this.window = window;
    }

    static WorkbenchFixture start(Stage stage) throws Exception {
        return new WorkbenchFixture(show(stage, Files.createTempDirectory("zkml-home")));
    }

    /** A workbench window on the bundled samples in {@code stage}; {@code home} holds its recent files and autosaves. */
    static MainWindow show(Stage stage, Path home) {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        MainWindow w = new MainWindow(new SessionLoader(SamplesFolder.fromSystem()), NodeMetricsProvider.NONE,
                SampleGalleryModel.fromCatalog(), appearance, new WorkbenchHome(home));
        stage.setScene(WorkbenchApp.createScene(w, 1280, 800));
        stage.show();
        return w;
    }

    /**
     * A workbench window of {@code width}×{@code height} with the base font at {@code fontSize}
     * (what A+/A− step through), bound as the app binds it.
     */
    static WorkbenchFixture sized(Stage stage, double width, double height, double fontSize) throws Exception {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        appearance.fontSizeProperty().set(fontSize);
        MainWindow w = new MainWindow(new SessionLoader(SamplesFolder.fromSystem()), NodeMetricsProvider.NONE,
                SampleGalleryModel.fromCatalog(), appearance, new WorkbenchHome(Files.createTempDirectory("zkml-home")));
        appearance.bindFontSize(w);
        stage.setScene(WorkbenchApp.createScene(w, width, height));
        stage.show();
        return new WorkbenchFixture(w);
    }

    /** Opens a bundled sample and waits for its first generated program (or the reason there is none). */
    void openSample(String id) {
        SampleModel s = SampleGalleryModel.fromCatalog().samples().stream().filter(m -> m.id().equals(id))
                .findFirst().orElseThrow();
        LoadedModel before = window.loadedProperty().get();
        WaitForAsyncUtils.asyncFx(() -> window.open(new ModelRequest.Sample(s)));
        // Not the figures of the model open before: those stay until the new one is shown.
        waitFor(id + " to be evaluated", 60, () -> window.loadedProperty().get() != before
                && window.evaluatedProperty().get() != null);
    }

    void waitFor(String what, int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not happen within " + seconds + " s; status: "
                    + window.statusBar().message(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Path sampleModel(String id) {
        return Path.of("sample-models", id + ".zip").toAbsolutePath();
    }
}
