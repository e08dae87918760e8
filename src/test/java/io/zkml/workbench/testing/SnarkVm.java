package io.zkml.workbench.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs the real snarkVM (key synthesis, proofs, Poseidon hashes). It is
 * tagged {@value #TAG}, which the quick tier ({@code mvn -B test -Pquick}) leaves out, and may take
 * the run's one shared sidecar as a {@code SidecarClient} parameter (see {@link SharedSidecar}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SnarkVm.TAG)
@ExtendWith(SharedSidecar.class)
public @interface SnarkVm {

    /** The JUnit tag of the snarkVM tier; pom.xml's quick profile excludes it. */
    String TAG = "snarkvm";
}
