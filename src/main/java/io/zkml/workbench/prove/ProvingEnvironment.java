package io.zkml.workbench.prove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What proving on this machine needs and what is there: Node.js, the sidecar's packages, the SRS
 * parameter files for a circuit's degree (cached, or to download and how big), and whether the Leo
 * CLI is installed. Read before the first request, so a user sees what is missing without waiting
 * for a failure.
 *
 * @param nodeVersion   e.g. {@code v20.20.2}; empty when Node.js 18+ cannot be run
 * @param nodeProblem   why not, in words, or null
 * @param sidecarReady  {@code sidecar.mjs} and its installed {@code @provablehq/sdk} are in place
 * @param parameters    the SRS files the circuit needs, smallest first
 * @param leoCli        the Leo CLI that answered {@code leo --version}, empty when none is installed
 */
public record ProvingEnvironment(Optional<String> nodeVersion, String nodeProblem, boolean sidecarReady, Path sidecarDir,
                                 List<Parameter> parameters, Optional<LeoInstallation> leoCli) {

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.\\d+\\.\\d+");

    /**
     * One universal SRS file.
     *
     * @param bytes size from the cache's metadata (or the file), -1 when unknown
     */
    public record Parameter(String name, Path file, boolean cached, long bytes) {
    }

    public ProvingEnvironment {
        parameters = List.copyOf(parameters);
    }

    private static boolean sidecarInstalled(Path dir) {
        return Files.isRegularFile(dir.resolve("sidecar.mjs"))
                && Files.isDirectory(dir.resolve("node_modules").resolve("@provablehq").resolve("sdk"));
    }

    public boolean ready() {
        return nodeVersion.isPresent() && sidecarReady;
    }

    /** Whether every SRS file a circuit of degree 2^{@code srsDegreeLog2} loads is in {@code paramsDir}. */
    public static boolean parametersCached(Path paramsDir, int srsDegreeLog2) {
        return parameters(paramsDir, srsDegreeLog2).stream().allMatch(Parameter::cached);
    }

    /** Runs {@code node --version} (up to 20 s), so call it off the UI thread. */
    public static ProvingEnvironment probe(SidecarConfig config, int srsDegreeLog2) {
        return probe(config, srsDegreeLog2, LeoBackend.fromEnvironment());
    }

    /** As {@link #probe(SidecarConfig, int)}, looking for Leo where {@code leo} looks (also runs {@code leo --version}). */
    public static ProvingEnvironment probe(SidecarConfig config, int srsDegreeLog2, LeoBackend leo) {
        String version = null;
        String problem = null;
        try {
            String printed = NodeRuntime.nodeVersion(config.node());
            Matcher m = VERSION.matcher(printed);
            if (!m.find()) {
                problem = "'" + config.node() + " --version' printed '" + printed + "', not a Node.js version";
            } else if (Integer.parseInt(m.group(1)) < NodeRuntime.MINIMUM_MAJOR) {
                problem = "Node.js " + m.group() + " is too old: proving needs " + NodeRuntime.MINIMUM_MAJOR + "+";
            } else {
                version = m.group();
            }
        } catch (SidecarUnavailableException e) {
            problem = e.getMessage();
        }
        return withNode(Optional.ofNullable(version), problem, config, srsDegreeLog2, leo);
    }

    /**
     * The environment with Node.js as already found ({@code nodeVersion}, or why not in {@code nodeProblem}):
     * the sidecar's files, the SRS files a circuit of {@code srsDegreeLog2} needs and Leo ({@link
     * LeoBackend#detect}, which remembers the last one) looked at now, with no process started. For a window
     * that asks at every program it shows (every bit-width change) once Node.js has answered.
     */
    public static ProvingEnvironment withNode(Optional<String> nodeVersion, String nodeProblem, SidecarConfig config,
                                              int srsDegreeLog2, LeoBackend leo) {
        return new ProvingEnvironment(nodeVersion, nodeProblem, sidecarInstalled(config.sidecarDir()),
                config.sidecarDir(), parameters(config.paramsDir(), srsDegreeLog2), leo.detect());
    }

    /**
     * snarkVM loads powers-of-beta-16 for every key synthesis and, for a larger circuit, every degree
     * after it in turn up to the circuit's own (snarkVM's parameters/src/mainnet/powers.rs,
     * {@code download_powers_up_to}; offline a 2^19 circuit fails asking for powers-of-beta-17, docs/SIDECAR.md).
     * Only 16 and the circuit's own were listed before, so a 2^19 program showed 24 MiB to download of 42.
     */
    static List<Parameter> parameters(Path paramsDir, int srsDegreeLog2) {
        List<Parameter> out = new ArrayList<>();
        for (int d = 16; d <= Math.max(16, srsDegreeLog2); d++) {
            out.add(parameter(paramsDir, "powers-of-beta-" + d));
        }
        return out;
    }

    private static Parameter parameter(Path dir, String name) {
        Path file = dir.resolve(name + ".usrs");
        long expected = metadataSize(dir.resolve(name + ".metadata"));
        boolean cached;
        long bytes;
        try {
            cached = Files.isRegularFile(file) && (expected < 0 || Files.size(file) == expected);
            bytes = expected >= 0 ? expected : cached ? Files.size(file) : -1;
        } catch (IOException e) {
            cached = false;
            bytes = expected;
        }
        return new Parameter(name, file, cached, bytes);
    }

    private static long metadataSize(Path metadata) {
        if (!Files.isRegularFile(metadata)) {
            return -1;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(metadata.toFile());
            return n.path("size").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

}
