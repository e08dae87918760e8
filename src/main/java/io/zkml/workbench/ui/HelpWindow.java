package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.ToolVersion;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Help: the three guides of docs/guides, read in the app (F1 opens the first), and the list of
 * keyboard shortcuts. One window per workbench window; asking again brings it to the front.
 */
final class HelpWindow {

    /** The guides shipped in the jar (the pom copies docs/guides there). */
    enum Guide {
        ML_ENGINEER("ml-engineer.md", "From a DL4J model to a proof"),
        AUDITOR("auditor.md", "Auditing a proof bundle"),
        WORKSHOP("workshop.md", "A 60-minute workshop");

        final String file;
        final String title;

        Guide(String file, String title) {
            this.file = file;
            this.title = title;
        }

        String markdown() {
            try (InputStream in = HelpWindow.class.getResourceAsStream("/io/zkml/workbench/guides/" + file)) {
                if (in == null) {
                    return "# " + title + "\n\nThis guide is missing from the installation (" + file + ").";
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** One line of the shortcut list. */
    record Shortcut(String action, String keys) {
    }

    private static final String SHORTCUTS = "Keyboard shortcuts";

    private final Window owner;
    private final List<Shortcut> shortcuts;
    private final ListView<Object> topics = new ListView<>();
    private final ScrollPane page = new ScrollPane();
    private final GuideRenderer renderer = new GuideRenderer(this::follow);
    private Stage stage;

    HelpWindow(Window owner, List<Shortcut> shortcuts) {
        this.owner = owner;
        this.shortcuts = List.copyOf(shortcuts);
    }

    void showGuide(Guide g) {
        open();
        topics.getSelectionModel().select(g);
    }

    void showShortcuts() {
        open();
        topics.getSelectionModel().select(SHORTCUTS);
    }

    /** The topic shown, for tests: a guide or the shortcut list. */
    Object shownTopic() {
        return topics.getSelectionModel().getSelectedItem();
    }

    Stage stage() {
        return stage;
    }

    ScrollPane page() {
        return page;
    }

    private void open() {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("zkML Workbench Help");
            topics.setId("helpTopics");
            topics.getItems().addAll((Object[]) Guide.values());
            topics.getItems().add(SHORTCUTS);
            topics.setPrefWidth(230);
            topics.getSelectionModel().selectedItemProperty().addListener((obs, o, t) -> show(t));
            page.setId("helpPage");
            page.setFitToWidth(true);
            page.setPadding(new Insets(16, 24, 24, 24));
            BorderPane root = new BorderPane(page);
            root.setLeft(topics);
            root.getStyleClass().add("help-window");
            Scene scene = new Scene(root, 980, 720);
            if (owner != null && owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
                // The text size the user chose (A+/A−) applies to the guides too.
                root.setStyle(owner.getScene().getRoot().getStyle());
            } else {
                scene.getStylesheets().add(Objects.requireNonNull(WorkbenchApp.class.getResource(WorkbenchApp.CSS))
                        .toExternalForm());
            }
            scene.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    stage.close();
                }
            });
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
    }

    private void show(Object topic) {
        if (topic instanceof Guide g) {
            page.setContent(renderer.render(g.markdown()));
        } else if (SHORTCUTS.equals(topic)) {
            page.setContent(shortcutTable());
        }
        page.setVvalue(0);
    }

    /** A link in a guide: another guide opens here; anything else is named (there is no browser in the app). */
    private void follow(String destination) {
        String file = destination.replaceFirst("#.*$", "");
        for (Guide g : Guide.values()) {
            if (file.endsWith(g.file)) {
                topics.getSelectionModel().select(g);
                return;
            }
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, destination, ButtonType.OK);
        a.initOwner(stage);
        a.setHeaderText("This link points outside the workbench");
        a.show();
    }

    private VBox shortcutTable() {
        Label title = new Label(SHORTCUTS);
        title.getStyleClass().add(Styles.TITLE_2);
        GridPane grid = new GridPane();
        grid.setId("shortcutTable");
        grid.setHgap(24);
        grid.setVgap(6);
        int r = 0;
        for (Shortcut s : shortcuts) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(r++, new Label(s.action()), keys);
        }
        return new VBox(16, title, grid);
    }

    /** Help ▸ About: the version and what the tool is. */
    static void showAbout(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "Version " + ToolVersion.current().version()
                + "\n\nTurns a Deeplearning4j network into an Aleo zero-knowledge program, shows what every layer "
                + "costs, and proves and verifies runs with snarkVM (through @provablehq/sdk in a Node.js sidecar)."
                + "\n\nJava " + System.getProperty("java.version")
                + " · JavaFX " + System.getProperty("javafx.version"), ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("About zkML Workbench");
        a.setHeaderText("zkML Workbench");
        a.show();
    }
}
