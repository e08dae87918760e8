package io.zkml.workbench.testing;

import io.zkml.workbench.prove.LeoBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code leo} script for tests of the Leo backend (no real Leo can be installed offline): it answers
 * {@code --version} as Leo 3 does, prints the output line Leo prints with the text of {@link #output()}
 * (which a test writes once it knows what the simulator predicts), saves a transaction for
 * {@code execute --save DIR}, and copies the project it ran in to {@link #lastProject()} with that
 * folder's path in {@link #ranIn()}.
 */
public record FakeLeo(Path bin, Path output, Path lastProject, Path ranIn) {

    public static FakeLeo install(Path dir, String programId) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        FakeLeo f = new FakeLeo(bin, dir.resolve("leo-output.txt"), dir.resolve("last-project"), dir.resolve("ran-in.txt"));
        Files.writeString(f.output, "0u8");
        Path leo = bin.resolve("leo");
        Files.writeString(leo, """
                #!/bin/sh
                case "$1" in
                  --version) echo "leo 3.3.1"; exit 0 ;;
                esac
                rm -rf '%1$s'
                cp -r . '%1$s'
                pwd > '%2$s'
                if [ "$1" = execute ]; then
                  while [ $# -gt 0 ]; do if [ "$1" = --save ]; then save="$2"; fi; shift; done
                  echo '{"type":"execute"}' > "$save/%3$s.execution.json"
                fi
                printf '\\n➡️  Output\\n\\n • %%s\\n' "$(cat '%4$s')"
                """.formatted(f.lastProject, f.ranIn, programId, f.output));
        Files.setPosixFilePermissions(leo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    public LeoBackend backend() {
        return new LeoBackend(bin.toString());
    }

    /** What the next {@code leo run} / {@code leo execute} prints as its output. */
    public void prints(String aleoOutput) throws IOException {
        Files.writeString(output, aleoOutput);
    }
}
