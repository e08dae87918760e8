package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.importer.HostileModelZipTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a tester used: a hostile preprocessor.bin makes inspect and export exit 1 at once, naming it. */
class HostileModelCommandTest {

    @TempDir
    Path tmp;

    @Test
    void inspectAndExportRefuseADeserialisationBombQuickly() throws Exception {
        for (Map.Entry<String, byte[]> payload : Map.of("bomb", HostileModelZipTest.hashSetBomb(),
                "urldns", HostileModelZipTest.urlDnsGadget()).entrySet()) {
            Map<String, byte[]> e = HostileModelZipTest.entries(Path.of("sample-models/iris-tiny.zip"));
            e.put("preprocessor.bin", payload.getValue());
            Path zip = HostileModelZipTest.write(tmp.resolve(payload.getKey() + ".zip"), e);
            for (String[] args : new String[][] {{"inspect", zip.toString()},
                    {"export", zip.toString(), "--out", tmp.resolve("out").toString()}}) {
                CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRunner.run(null, args));
                assertEquals(ZkmlCli.USER_ERROR, r.exit(), args[0] + ": " + r.err());
                assertTrue(r.err().contains(zip.toString()) && r.err().contains("preprocessor.bin"), r.err());
                assertFalse(r.err().contains("\tat "), r.err());
            }
        }
    }
}
