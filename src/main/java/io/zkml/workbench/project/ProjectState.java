package io.zkml.workbench.project;

import io.zkml.workbench.design.DesignState;
import io.zkml.workbench.quant.QuantSpec;

import java.util.Objects;

/**
 * What the user edits in an open project, as one immutable value: the quantization spec (null
 * until the first calibration), the export settings (null: the defaults for the model) and the
 * design-mode graph. The project's history holds these, so undo puts back all three as they were.
 */
public record ProjectState(QuantSpec spec, WorkbenchProject.ExportSettings export, DesignState design) {

    public ProjectState {
        Objects.requireNonNull(design, "design");
    }

    public ProjectState withSpec(QuantSpec s) {
        return new ProjectState(s, export, design);
    }

    public ProjectState withExport(WorkbenchProject.ExportSettings e) {
        return new ProjectState(spec, e, design);
    }

    public ProjectState withDesign(DesignState d) {
        return new ProjectState(spec, export, d);
    }
}
