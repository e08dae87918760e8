package io.zkml.workbench.prove;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A JVM that starts a sidecar on real work and then waits to be ended: {@code PARAMS_DIR KEY_DIR}.
 * Prints {@code SIDECAR <pid>} once snarkVM is busy synthesizing, so the test can end this JVM
 * while the sidecar's main thread is held by WASM and cannot notice its input closing.
 */
public final class SidecarChildMain {

    private SidecarChildMain() {
    }

    public static void main(String[] args) throws Exception {
        SidecarConfig config = SidecarConfig.fromEnvironment().withParamsDir(Path.of(args[0])).withKeyCacheDir(Path.of(args[1]));
        CountDownLatch busy = new CountDownLatch(1);
        SidecarClient client = new SidecarClient(config, p -> {
            if (p.stage().equals("synthesis")) {
                busy.countDown();
            }
        });
        Thread work = new Thread(() -> {
            try {
                client.execute(SidecarClientTest.PROBE, "main", SidecarClientTest.INPUTS);
            } catch (SidecarException e) {
                System.err.println("work ended: " + e.getMessage());
            }
        });
        work.setDaemon(true);
        work.start();
        busy.await();
        System.out.println("SIDECAR " + client.processHandle().orElseThrow().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
