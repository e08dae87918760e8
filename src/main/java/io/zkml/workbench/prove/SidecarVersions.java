package io.zkml.workbench.prove;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What the running sidecar reports about itself. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SidecarVersions(String sdkVersion, String nodeVersion, String network, String threads,
                             String paramsDir, String keyCacheDir) {
}
