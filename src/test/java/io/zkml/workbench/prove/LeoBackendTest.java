package io.zkml.workbench.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.WorkbenchException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Leo CLI backend against a PATH without Leo and against a fake {@code leo} script that prints
 * what Leo 3 prints (text from ProvableHQ/leo leo/cli/commands/run.rs and execute.rs, colours included).
 */
class LeoBackendTest {

    @TempDir
    Path tmp;

    @Test
    void absentLeoIsAClearUserError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-bin"));
        LeoBackend leo = new LeoBackend(empty.toString());
        assertTrue(leo.detect().isEmpty());
        WorkbenchException e = assertThrows(WorkbenchException.class, leo::require);
        assertTrue(e.getMessage().startsWith("the Leo CLI is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains(LeoBackend.INSTALL_URL), e.getMessage());
        assertTrue(e.getMessage().contains("snarkVM sidecar backend (default"), e.getMessage());
        assertThrows(WorkbenchException.class, () -> leo.run(tmp, "main", List.of("1u8")));
    }

    @Test
    void aLeoThatDoesNotAnswerVersionIsNotLeo() throws Exception {
        Path bin = fakeLeo("#!/bin/sh\nexit 2\n");
        assertTrue(new LeoBackend(bin.toString()).detect().isEmpty());
    }

    @Test
    void runOutputsAreParsed() throws Exception {
        Path bin = fakeLeo(FAKE_LEO);
        LeoBackend leo = new LeoBackend(tmp.resolve("nowhere") + File.pathSeparator + bin);
        LeoInstallation found = leo.detect().orElseThrow();
        assertEquals("leo 3.3.1", found.version());
        assertEquals(bin.resolve("leo"), found.executable());

        Path project = Files.createDirectories(tmp.resolve("project"));
        LeoResult r = leo.run(project, "main", List.of("[1i16, -2i16, 3i16, 4i16]"));
        assertEquals(List.of("2u8"), r.outputs());
        assertNull(r.transaction());
        assertTrue(r.log().contains("args: run main [1i16, -2i16, 3i16, 4i16]"), r.log());
    }

    @Test
    void executeOutputsAndSavedTransactionAreParsed() throws Exception {
        LeoBackend leo = new LeoBackend(fakeLeo(FAKE_LEO).toString());
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path save = Files.createDirectories(tmp.resolve("saved"));
        LeoResult r = leo.execute(project, "main", List.of("[1i16, 2i16, 3i16, 4i16]"), save);
        assertEquals(List.of("2u8", "[1i32, 2i32]"), r.outputs());
        assertNotNull(r.transaction());
        assertEquals("iris_tiny.aleo.execution.json", r.transaction().getFileName().toString());
    }

    @Test
    void failingLeoReportsItsOutput() throws Exception {
        LeoBackend leo = new LeoBackend(fakeLeo("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'leo 3.3.1'; exit 0; fi\n"
                + "echo 'Error [ECLI0377033]: Failed to parse program'; exit 1\n").toString());
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> leo.run(tmp, "main", List.of()));
        assertTrue(e.getMessage().contains("`leo run`") && e.getMessage().contains("Failed to parse program"), e.getMessage());
    }

    @Test
    void circuitLinesOfKeySynthesisAreParsed() {
        String text = "\n🔑 Synthesized keys for iris_tiny.aleo/main (edition 0)\nℹ️ Circuit Information:\n"
                + "    - Public Inputs: 9\n    - Variables: 14063\n    - Constraints: 14080\n"
                + "    - Non-Zero Entries in A: 33101\n    - Non-Zero Entries in B: 39794\n"
                + "    - Non-Zero Entries in C: 18261\n    - Circuit ID: ab1xyz\n";
        CircuitInfo c = LeoOutput.circuit(text);
        assertEquals(new CircuitInfo(9, 14063, 14080, 33101, 39794, 18261, 16), c);
        assertNull(LeoOutput.circuit("no circuit here"));
    }

    /** Prints Leo 3's text: warnings, the "➕Adding programs" list, the outputs block, an execution summary. */
    private static final String FAKE_LEO = """
            #!/bin/sh
            case "$1" in
              --version) echo "leo 3.3.1"; exit 0 ;;
              run)
                echo "args: $*"
                printf '\\033[1mLeo\\033[0m ✅ Compiled '"'"'iris_tiny.aleo'"'"' into Aleo instructions.\\n'
                printf '⚠️ No network specified, defaulting to '"'"'testnet'"'"'.\\n'
                printf '\\n➕Adding programs to the VM in the following order:\\n  - iris_tiny.aleo (local)\\n'
                printf '\\n➡️  Output\\n\\n'
                printf ' • 2u8\\n'
                ;;
              execute)
                save=""
                while [ $# -gt 0 ]; do if [ "$1" = --save ]; then save="$2"; fi; shift; done
                printf '\\n🚀 Execution Plan Summary\\n⚠️ Warnings:\\n  • The program '"'"'iris_tiny.aleo'"'"' does not exist on the network.\\n'
                printf '\\n⚙️ Executing iris_tiny.aleo/main...\\n'
                printf '\\n📊 Execution Summary for iris_tiny.aleo\\n──────────────\\n  Total Fee: 0.051 credits\\n'
                if [ -n "$save" ]; then
                  echo '{"type":"execute"}' > "$save/iris_tiny.aleo.execution.json"
                  printf '💾 Saving execution for iris_tiny.aleo at %s\\n' "$save/iris_tiny.aleo.execution.json"
                fi
                printf '\\n➡️  Outputs\\n\\n • 2u8\\n • [1i32, 2i32]\\n\\n'
                ;;
              *) echo "unexpected: $*"; exit 1 ;;
            esac
            """;

    private Path fakeLeo(String script) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin-" + System.nanoTime()));
        Path leo = bin.resolve("leo");
        Files.writeString(leo, script);
        Files.setPosixFilePermissions(leo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
