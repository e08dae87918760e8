package io.zkml.workbench.ui.start;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import io.zkml.workbench.project.Autosave;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.RecentFiles;
import javafx.scene.control.Hyperlink;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.List;
import java.util.function.Consumer;

/** What the user sees first: what the tool does and one card per bundled sample. */
public final class StartPage extends ScrollPane {

    private final FlowPane gallery = new FlowPane(16, 16);
    private final VBox recent = new VBox(4);
    private final VBox recoveries = new VBox(6);
    private final Consumer<RecentFiles.Entry> onOpenRecent;
    private final Consumer<Path> onRecover;

    /** Callbacks the main window wires to its actions. */
    public record Actions(Consumer<SampleModel> openSample, Runnable openFile, Runnable openProject,
                          Consumer<RecentFiles.Entry> openRecent, Consumer<Path> recover) {
    }

    public StartPage(SampleGalleryModel samples, Actions actions) {
        Consumer<SampleModel> onOpenSample = actions.openSample();
        this.onOpenRecent = actions.openRecent();
        this.onRecover = actions.recover();
        getStyleClass().addAll("start-page", "edge-to-edge");
        setFitToWidth(true);

        Label title = new Label("zkML Workbench");
        title.getStyleClass().addAll(Styles.TITLE_1, "start-title");
        Label lead = new Label("Turn a Deeplearning4j network into an Aleo zero-knowledge program and see "
                + "what every layer costs. Start with a sample or open your own model.");
        lead.getStyleClass().addAll("start-lead", Styles.TEXT_MUTED);
        lead.setWrapText(true);

        Button open = new Button("Open model…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        open.getStyleClass().add(Styles.ACCENT);
        open.setOnAction(e -> actions.openFile().run());
        Button openProject = new Button("Open project…", new FontIcon(MaterialDesignF.FOLDER_COG_OUTLINE));
        openProject.setOnAction(e -> actions.openProject().run());
        HBox buttons = new HBox(10, open, openProject);
        recent.setId("recentFiles");
        recoveries.setId("recoveries");

        Label samplesTitle = new Label("Samples");
        samplesTitle.getStyleClass().addAll(Styles.TITLE_3, "start-section");

        gallery.getStyleClass().add("sample-gallery");
        for (SampleModel s : samples.samples()) {
            gallery.getChildren().add(card(s, onOpenSample));
        }

        VBox page = new VBox(12, title, lead, buttons, recoveries, recent, samplesTitle, gallery);
        page.getStyleClass().add("start-content");
        page.setPadding(new Insets(40, 48, 40, 48));
        VBox.setMargin(samplesTitle, new Insets(20, 0, 0, 0));
        setContent(page);
    }

    public FlowPane gallery() {
        return gallery;
    }

    /** Files opened before, newest first; the section hides when there are none. */
    public void showRecent(List<RecentFiles.Entry> entries) {
        recent.getChildren().clear();
        if (entries.isEmpty()) {
            return;
        }
        Label head = new Label("Recent");
        head.getStyleClass().addAll(Styles.TITLE_4, "start-section");
        recent.getChildren().add(head);
        for (RecentFiles.Entry e : entries) {
            Hyperlink link = new Hyperlink(e.file().getFileName() + "   " + e.file().getParent(),
                    new FontIcon(e.kind() == RecentFiles.Kind.PROJECT ? MaterialDesignF.FOLDER_COG_OUTLINE
                            : MaterialDesignG.GRAPH_OUTLINE));
            link.getStyleClass().add("recent-entry");
            link.setUserData(e);
            link.setOnAction(ev -> onOpenRecent.accept(e));
            recent.getChildren().add(link);
        }
    }

    /**
     * Autosaves of projects that were never saved, in one banner: each can be recovered, and the
     * banner can be dismissed for the rest of this session (the files stay and are offered at the
     * next start). Work autosaved since this window opened is called this session's, not an
     * earlier one's.
     *
     * @param sessionStart when this workbench window opened
     */
    public void showRecoveries(List<Path> autosaves, Instant sessionStart) {
        recoveries.getChildren().clear();
        if (autosaves.isEmpty() || recoveryDismissed) {
            return;
        }
        FontIcon icon = new FontIcon(MaterialDesignB.BACKUP_RESTORE);
        Label head = new Label(autosaves.size() == 1 ? "Unsaved work can be recovered"
                : autosaves.size() + " unsaved projects can be recovered");
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Button dismiss = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        dismiss.setId("dismissRecovery");
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        String tip = "Hide this until the next start (the autosaves are kept)";
        dismiss.setTooltip(new javafx.scene.control.Tooltip(tip));
        dismiss.setAccessibleText(tip);
        dismiss.setOnAction(e -> {
            recoveryDismissed = true;
            recoveries.getChildren().clear();
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, icon, head, grow, dismiss);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox banner = new VBox(6, top);
        banner.setId("recoveryBanner");
        banner.getStyleClass().add("recovery-offer");
        for (Path a : autosaves) {
            Label text = new Label(describeRecovery(a, sessionStart));
            text.setWrapText(true);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            Button recover = new Button("Recover", new FontIcon(MaterialDesignB.BACKUP_RESTORE));
            recover.getStyleClass().add(Styles.SUCCESS);
            recover.setMinWidth(Region.USE_PREF_SIZE);
            recover.setUserData(a);
            recover.setOnAction(e -> onRecover.accept(a));
            HBox row = new HBox(10, text, recover);
            row.setAlignment(Pos.CENTER_LEFT);
            banner.getChildren().add(row);
        }
        recoveries.getChildren().add(banner);
    }

    private boolean recoveryDismissed;

    private static String describeRecovery(Path autosave, Instant sessionStart) {
        String name = autosave.getFileName().toString().replace(ProjectStore.EXTENSION + Autosave.SUFFIX, "")
                .replaceFirst("-[0-9a-f]{8}$", "");
        Instant at;
        try {
            at = Files.getLastModifiedTime(autosave).toInstant();
        } catch (IOException e) {
            at = Instant.EPOCH;
        }
        String time = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).format(at.atZone(ZoneId.systemDefault()));
        return at.isBefore(sessionStart)
                ? name + ": changes never saved before the workbench last closed (autosaved " + time + ")"
                : name + ": unsaved changes from this session (autosaved " + time + ")";
    }

    /**
     * A card is a focusable box rather than a Button with a graphic: Button sizes its graphic
     * at pref size, which lets wrapped text stretch cards to uneven heights.
     */
    private static VBox card(SampleModel s, Consumer<SampleModel> onOpen) {
        FontIcon icon = new FontIcon(iconFor(s.id()));
        icon.getStyleClass().add("sample-icon");
        Label name = new Label(s.id());
        name.getStyleClass().addAll(Styles.TITLE_4, "sample-name");
        HBox head = new HBox(10, icon, name);
        head.setAlignment(Pos.CENTER_LEFT);

        Label purpose = new Label(s.purpose());
        purpose.getStyleClass().add("sample-purpose");
        purpose.setWrapText(true);
        Label arch = new Label(s.architecture());
        arch.getStyleClass().addAll("sample-architecture", Styles.TEXT_MUTED);
        arch.setWrapText(true);
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label size = new Label(s.size() + "  ·  " + s.metric());
        size.getStyleClass().add("sample-size");
        size.setWrapText(true);

        VBox card = new VBox(8, head, purpose, arch, grow, size);
        card.getStyleClass().add("sample-card");
        card.setUserData(s);
        card.setFocusTraversable(true);
        card.setAccessibleRole(AccessibleRole.BUTTON);
        card.setAccessibleText("Open sample " + s.id() + ": " + s.purpose());
        card.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                onOpen.accept(s);
            }
        });
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                onOpen.accept(s);
                e.consume();
            }
        });
        return card;
    }

    private static Ikon iconFor(String id) {
        if (id.startsWith("iris")) {
            return MaterialDesignF.FLOWER_OUTLINE;
        } else if (id.startsWith("breast")) {
            return MaterialDesignH.HEART_PULSE;
        } else if (id.startsWith("digits")) {
            return MaterialDesignS.SHIELD_CHECK_OUTLINE;
        } else if (id.startsWith("diabetes")) {
            return MaterialDesignC.CHART_BELL_CURVE;
        } else if (id.startsWith("wine")) {
            return MaterialDesignF.FLASK_OUTLINE;
        }
        return MaterialDesignG.GRAPH_OUTLINE;
    }
}
