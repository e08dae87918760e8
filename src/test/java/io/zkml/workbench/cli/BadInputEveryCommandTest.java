package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, given bad input, exits 1 with one line that says what is wrong and where,
 * never a stack trace. None of these reach snarkVM: each fails before a proof would start.
 */
class BadInputEveryCommandTest {

    @TempDir
    static Path tmp;

    static Path notAModel;

    @BeforeAll
    static void files() throws Exception {
        notAModel = tmp.resolve("notes.zip");
        Files.writeString(notAModel, "hello");
    }

    static Stream<Arguments> cases() {
        String bad = "@BAD@";
        return Stream.of(
                Arguments.of(new String[] {"inspect", bad}, "notes.zip"),
                Arguments.of(new String[] {"calibrate", bad}, "notes.zip"),
                Arguments.of(new String[] {"eval", bad}, "notes.zip"),
                Arguments.of(new String[] {"simulate", "sample-models/iris-tiny.zip", "--input", "1,2,x,4"}, "'x'"),
                Arguments.of(new String[] {"auto-tune", "sample-models/diabetes-regression.zip"}, "regressor"),
                Arguments.of(new String[] {"cost", bad}, "notes.zip"),
                Arguments.of(new String[] {"export", bad, "--out", "@OUT@"}, "notes.zip"),
                Arguments.of(new String[] {"prove", "no/such/project", "--row", "0"}, "no/such/project"),
                Arguments.of(new String[] {"verify", bad}, "notes.zip"),
                Arguments.of(new String[] {"calibrate-costs", "--from-measurements", "no/such.jsonl", "--out", "@OUT@"},
                        "no/such.jsonl"),
                Arguments.of(new String[] {"train-samples", "--only", "no-such-sample", "--out", "@OUT@"},
                        "no-such-sample"),
                Arguments.of(new String[] {"bench", "--model", bad}, "notes.zip"),
                Arguments.of(new String[] {"bench-live", "--model", bad}, "notes.zip"),
                Arguments.of(new String[] {"version", "--no-such-option"}, "--no-such-option"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputExitsOneWithAMessage(String[] template, String mentioned) {
        String[] args = new String[template.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = template[i].replace("@BAD@", notAModel.toString())
                    .replace("@OUT@", tmp.resolve("out-" + i).toString());
        }
        CliRunner.Result r = CliRunner.run(null, args);
        assertEquals(ZkmlCli.USER_ERROR, r.exit(), "exit code; stderr:\n" + r.err());
        assertTrue(r.err().contains(mentioned), "message should mention " + mentioned + ":\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }
}
