package io.zkml.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, filtered into a resource by Maven so the jar and bundles agree. */
public record ToolVersion(String version) {

    public static ToolVersion current() {
        Properties p = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "dev": a missing version must never stop the tool.
        }
        String v = p.getProperty("version", "dev");
        return new ToolVersion(v.startsWith("${") ? "dev" : v);
    }

    @Override
    public String toString() {
        return "zkml-workbench " + version;
    }
}
