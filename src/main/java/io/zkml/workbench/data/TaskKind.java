package io.zkml.workbench.data;

/** What a dataset's last column means: a class index or a real-valued target. */
public enum TaskKind {
    CLASSIFICATION("label"),
    REGRESSION("target");

    private final String columnName;

    TaskKind(String columnName) {
        this.columnName = columnName;
    }

    /** Header name of the last column in the sample CSV format. */
    public String columnName() {
        return columnName;
    }
}
