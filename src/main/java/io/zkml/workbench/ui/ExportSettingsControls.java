package io.zkml.workbench.ui;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.project.ProjectState;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.ui.document.EditorDocument;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The project's export settings as the window's controls show them: the Code tab's weights mode,
 * Model ▸ Consensus version and the program chain ({@link ChainControls}). A user's change is one
 * edit of the project (so undo takes it back) and recompiles; showing a state (a project opened, an
 * undo) sets the controls without recording an edit.
 */
final class ExportSettingsControls {

    private final EditorDocument doc;
    private final ObjectProperty<WeightsMode> weightsMode;
    private final ChainControls chain;
    /** The compile settings changed: the program is compiled again. */
    private final Runnable recompile;
    private final ObjectProperty<ConsensusVersion> consensus = new SimpleObjectProperty<>(this, "consensus",
            ConsensusVersion.LATEST);
    /** Set while a state is shown, which is not a user's change. */
    private boolean showing;

    ExportSettingsControls(EditorDocument doc, ObjectProperty<WeightsMode> weightsMode, ChainControls chain,
                           Runnable recompile) {
        this.doc = doc;
        this.weightsMode = weightsMode;
        this.chain = chain;
        this.recompile = recompile;
        weightsMode.addListener((obs, o, mode) -> weightsModeChosen(mode));
        consensus.addListener((obs, o, v) -> consensusChosen(v));
    }

    /** The project's consensus version, chosen in Model ▸ Consensus version. */
    ObjectProperty<ConsensusVersion> consensusProperty() {
        return consensus;
    }

    /** Shows the export settings of {@code s} in their controls without recording an edit. */
    void show(ProjectState s) {
        showing = true;
        try {
            weightsMode.set(s.export() == null ? WeightsMode.CONSTANT : s.export().weightsMode());
            consensus.set(consensusOf(s));
            chain.show(s);
        } finally {
            showing = false;
        }
    }

    /** The user picked another weights mode in the code view. */
    private void weightsModeChosen(WeightsMode mode) {
        if (showing || !doc.isOpen() || mode == null) {
            return;
        }
        WorkbenchProject.ExportSettings base = doc.state().export();
        if (base == null || base.weightsMode() == mode) {
            return;
        }
        doc.project().edit("Weights: " + mode.cliName(), doc.state().withExport(base.withWeightsMode(mode)));
        recompile.run();
    }

    private void consensusChosen(ConsensusVersion v) {
        if (showing || !doc.isOpen() || v == null) {
            return;
        }
        WorkbenchProject.ExportSettings base = doc.state().export();
        if (base == null || consensusOf(doc.state()) == v) {
            return;
        }
        doc.project().edit("Consensus version: " + v, doc.state().withExport(base.withConsensus(v)));
        recompile.run();
    }

    private static ConsensusVersion consensusOf(ProjectState s) {
        return s.export() == null || s.export().consensus() == null ? ConsensusVersion.LATEST : s.export().consensus();
    }
}
