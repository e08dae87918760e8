package io.zkml.workbench.ui.audit;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The audit view in its own window: auditing a bundle needs no model open in the workbench. */
public final class AuditWindow {

    private AuditWindow() {
    }

    public static AuditView open(Window owner) {
        Stage stage = new Stage();
        AuditView view = new AuditView(() -> stage);
        Scene scene = new Scene(view, 1100, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                view.styleProperty().bind(owner.getScene().getRoot().styleProperty());
            }
            stage.getIcons().setAll(owner instanceof Stage s ? s.getIcons() : stage.getIcons());
        }
        stage.setTitle("Audit a proof — zkML Workbench");
        stage.setScene(scene);
        stage.setOnHidden(e -> view.close());
        stage.show();
        return view;
    }
}
