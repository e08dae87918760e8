package io.zkml.workbench.ui.prove;

import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.LeoResult;

/**
 * What the Leo CLI computed for one input ({@code bundle.LeoProver} has already held it to the
 * simulator); {@code proven} for {@code leo execute}, whose transaction Leo saved.
 */
public record LeoOutcome(SampleRow row, LeoResult result, DecodedOutput decoded, boolean proven, String leoVersion)
        implements ProveSession.Result {
}
