package io.zkml.workbench.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Supplier;

/** Placeholder until the proving panel lands. */
public final class ProvingPanel extends VBox implements AutoCloseable {

    private final Label message = new Label();

    ProvingPanel(Supplier<Window> owner) {
        getChildren().add(message);
    }

    void show(GeneratedCode code) {
        message.setText(code.compiled().programId());
    }

    void showMessage(String text) {
        message.setText(text);
    }

    @Override
    public void close() {
    }
}
