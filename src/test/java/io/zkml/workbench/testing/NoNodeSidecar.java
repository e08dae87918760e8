package io.zkml.workbench.testing;

import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import java.nio.file.Path;

/**
 * A sidecar client whose Node.js does not exist: a command given it takes its "snarkVM is unavailable"
 * path at once, as on a machine without Node.js. Quick-tier tests hand it to commands that would
 * otherwise start a real sidecar for something they do not check (e.g. export's expected weights
 * commitment), so the quick tier never starts Node.js.
 */
public final class NoNodeSidecar {

    private NoNodeSidecar() {
    }

    /** @param dir a temporary folder; its (absent) "no-such-node" is the Node.js executable */
    public static SidecarClient client(Path dir) {
        SidecarConfig env = SidecarConfig.fromEnvironment();
        return new SidecarClient(new SidecarConfig(dir.resolve("no-such-node").toString(), env.sidecarDir(),
                env.paramsDir(), dir.resolve("keys")), p -> { });
    }
}
