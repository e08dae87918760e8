package io.zkml.workbench.ui;

/**
 * Puts JavaFX on Monocle's headless glass before the toolkit starts, so UI tests run without
 * a display. Only UI test classes extend this; {@code -Dzkml.test.headful=true} shows windows
 * for debugging.
 */
abstract class HeadlessFx {

    static {
        if (!Boolean.getBoolean("zkml.test.headful")) {
            System.setProperty("testfx.robot", "glass");
            System.setProperty("testfx.headless", "true");
            System.setProperty("prism.order", "sw");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("java.awt.headless", "true");
        }
    }
}
