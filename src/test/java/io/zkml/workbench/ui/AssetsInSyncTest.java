package io.zkml.workbench.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** assets/ holds the source CSS and icons; the runtime copies under resources must match. */
class AssetsInSyncTest {

    private static final Path RESOURCES = Path.of("src/main/resources/io/zkml/workbench/ui");

    @Test
    void runtimeCssIsTheAssetsCss() throws IOException {
        same(Path.of("assets/css/workbench.css"), RESOURCES.resolve("workbench.css"));
    }

    @Test
    void runtimeIconsAreTheAssetsIcons() throws IOException {
        for (int size : new int[] {32, 64, 256}) {
            String name = "app-icon-" + size + ".png";
            same(Path.of("assets/icons", name), RESOURCES.resolve("icons").resolve(name));
        }
    }

    private static void same(Path source, Path copy) throws IOException {
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy),
                copy + " differs from " + source + "; copy the asset over");
    }
}
