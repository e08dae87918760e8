package io.zkml.workbench.codegen;

/** Inclusive 1-based line range of a printed text. */
public record LineSpan(int first, int last) {
}
