package io.zkml.workbench.ui.prove;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/**
 * "Prove rows…": which dataset rows to prove and the folder for their bundles, as
 * {@code zkml prove --rows-from … --out-dir … [--resume]} takes them.
 */
final class ProveRowsDialog {

    private ProveRowsDialog() {
    }

    /** Asks on the FX thread; empty when the user cancels. {@code rows} is the dataset's size (at least 1). */
    static Optional<RowsRequest> ask(Window owner, int rows, int selectedRow, Path suggestedDir) {
        Spinner<Integer> first = new Spinner<>(0, rows - 1, Math.min(Math.max(selectedRow, 0), rows - 1));
        first.setEditable(true);
        first.setId("proveRowsFirst");
        Spinner<Integer> count = new Spinner<>(1, rows, Math.min(10, rows));
        count.setEditable(true);
        count.setId("proveRowsCount");
        TextField dir = new TextField(suggestedDir.toString());
        dir.setId("proveRowsDir");
        dir.setPrefColumnCount(32);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the proof bundles");
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                dir.setText(chosen.getPath());
            }
        });
        HBox.setHgrow(dir, Priority.ALWAYS);
        CheckBox resume = new CheckBox("Skip rows this folder already holds a bundle of this program for");
        resume.setSelected(true);
        Label note = new Label("One bundle per row (row-N.zip) and summary.json. A row that fails does not stop "
                + "the others; each proof takes about a minute.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("First row"), first);
        form.addRow(1, new Label("Number of rows"), count);
        form.addRow(2, new Label("Folder"), new HBox(6, dir, browse));
        form.add(resume, 0, 3, 2, 1);
        form.add(note, 0, 4, 2, 1);

        Dialog<RowsRequest> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Prove rows");
        d.setHeaderText("Prove " + rows + " dataset rows or a range of them");
        ButtonType prove = new ButtonType("Prove", ButtonType.OK.getButtonData());
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, prove);
        d.getDialogPane().setContent(form);
        d.getDialogPane().lookupButton(prove).disableProperty().bind(dir.textProperty().isEmpty());
        d.setResultConverter(b -> b != prove ? null : new RowsRequest(first.getValue(),
                Math.min(count.getValue(), rows - first.getValue()), Path.of(dir.getText().strip()), resume.isSelected()));
        return d.showAndWait();
    }
}
