package io.zkml.workbench.testing;

import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One snarkVM sidecar for the whole test run, handed to test classes as a {@link SidecarClient}
 * parameter and stopped when the run ends (it lives in the root context's store, which closes it),
 * the bundles proven once on it for the run, as a {@link SharedProofs} parameter, and the same sidecar with
 * a second one for evaluations side by side, as a {@link SidecarLanes} parameter.
 *
 * <p>Its key cache is {@link #keyCacheDir()}: the pom's {@code zkml.testKeyCache} (by default
 * {@code ~/.cache/zkml-workbench/test-keys}), which pom.xml sets as {@code zkml.keyCacheDir} for every
 * test, so the sidecars the UI and the CLI start on their own use the same cache. Entries are named
 * by the program text's hash (src/sidecar/key-cache.mjs), so a program is synthesized once per run
 * whichever class asks first, and not again on later runs, nor by other checkouts' runs. The cache
 * is shared beyond this run: a test that damages an entry does so on a {@link #copyEntry copy}.
 *
 * <p>It also keeps the run's {@link SidecarAccount}: the requests of every sidecar client in the JVM
 * (the shared one, a test's own, the UI's and the CLI's) are tallied, one line is printed after each
 * test and each class that used snarkVM and one for the whole run when the run ends
 * ({@code [snarkVM account] …}).
 */
public final class SharedSidecar implements ParameterResolver, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback {

    /** The store key of the second sidecar of the run's {@link SidecarLanes}, started on first use. */
    private static final String SECOND_LANE = "second lane";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSidecar.class);

    /** The key cache of the test run: the configured {@code zkml.keyCacheDir} (pom.xml sets it), else target/zkml-test-keys. */
    public static Path keyCacheDir() {
        String configured = System.getProperty(SidecarConfig.KEY_CACHE_PROPERTY);
        return (configured == null || configured.isBlank() ? Path.of("target", "zkml-test-keys") : Path.of(configured))
                .toAbsolutePath();
    }

    /**
     * The sidecar's configuration: the offline SRS the pom points at, the shared key cache. A clone
     * without {@code ../shared} uses the workbench's own parameter cache instead, which the sidecar
     * fills from the official parameter servers (checksum-verified) when the machine is online; the
     * switch is printed, never a quiet skip. A missing sidecar install fails: the snarkVM tier is
     * meant to run, and {@code -Pquick} is the documented way to leave it out.
     */
    public static SidecarConfig config() {
        SidecarConfig defaults = SidecarConfig.fromEnvironment();
        Path params = Path.of(System.getProperty(SidecarConfig.PARAMS_DIR_PROPERTY, "../shared/aleo-params"));
        if (!Files.isRegularFile(params.resolve("powers-of-beta-16.usrs"))) {
            Path own = Path.of(System.getProperty("user.home"), ".zkml-workbench", "params");
            System.err.println("[snarkVM tests] no SRS parameters at " + params.toAbsolutePath()
                    + "; using the workbench's own parameter cache " + own + " (files are downloaded when online)");
            params = own;
        }
        SidecarConfig config = defaults.withParamsDir(params).withKeyCacheDir(keyCacheDir());
        if (!Files.isRegularFile(config.sidecarDir().resolve("node_modules/@provablehq/sdk/package.json"))) {
            throw new IllegalStateException("the sidecar's node packages are not installed in " + config.sidecarDir()
                    + " (the Maven build runs `npm ci` there when node_modules is missing)");
        }
        return config;
    }

    /**
     * Copies the run's cache entry for {@code program}/{@code function} (its three files) into
     * {@code dir}, creating it, and returns {@code dir}: a key cache of the test's own holding the
     * same keys, for tests that damage an entry. The shared cache outlives the run and other runs
     * read it at the same time, so nothing may be broken in it on purpose.
     *
     * @throws IllegalStateException when the run's cache has no complete entry for the program
     */
    public static Path copyEntry(String program, String function, Path dir) throws java.io.IOException {
        Path from = keyCacheDir();
        String id = KeyCache.keyId(program, function);
        if (!new KeyCache(from).contains(program, function)) {
            throw new IllegalStateException("the key cache " + from + " has no entry for " + function + " of this program");
        }
        Files.createDirectories(dir);
        // The marker last, as key-cache.mjs writes an entry: the copy is complete once it is there.
        for (String suffix : new String[] {".prover", ".verifier", ".json"}) {
            Files.copy(from.resolve(id + suffix), dir.resolve(id + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SidecarClient.class || type == SharedProofs.class || type == SidecarLanes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == SharedProofs.class) {
            SidecarClient client = client(context);
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(Proofs.class, k -> new Proofs(new SharedProofs(client)), Proofs.class)
                    .proofs();
        }
        if (parameter.getParameter().getType() == SidecarLanes.class) {
            SidecarClient client = client(context);
            SidecarClient second = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SECOND_LANE, k -> new Running(warm(client.sibling(config(), p -> { }))), Running.class)
                    .client();
            return new SidecarLanes(client, second);
        }
        return client(context);
    }

    /**
     * The run's sidecar, started on first use and warmed up at once, as the CLI and the Prove tab do: its
     * first class asks for it before preparing its work (compiling, exporting), which the warm-up overlaps.
     */
    static SidecarClient client(ExtensionContext context) {
        account(context); // listening before the first request
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> new Running(warm(new SidecarClient(config(), p -> { }))), Running.class)
                .client();
    }

    private static SidecarClient warm(SidecarClient client) {
        client.warmUp();
        return client;
    }

    /** The run's account of sidecar work; printed when the root context closes. */
    static SidecarAccount account(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Accounting.class, k -> new Accounting(new SidecarAccount().listen()), Accounting.class)
                .account();
    }

    /** Where the account stood when a class or a test began, and when (System.nanoTime). */
    private record Mark(SidecarAccount.Snapshot snapshot, long nanos) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mark(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        spentSinceMark(context, (before, nanos) ->
                account(context).closeClass(context.getRequiredTestClass().getSimpleName(), before, nanos));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        mark(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        spentSinceMark(context, (before, nanos) ->
                account(context).closeTest(context.getRequiredTestMethod().getName(), before, nanos));
    }

    /** Notes where the account stands as a class or a test begins (each context has its own store). */
    private static void mark(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Mark.class, new Mark(account(context).snapshot(), System.nanoTime()));
    }

    /** Hands {@code close} the account at this context's mark and the nanoseconds since (nothing unmarked). */
    private static void spentSinceMark(ExtensionContext context,
                                       java.util.function.ObjLongConsumer<SidecarAccount.Snapshot> close) {
        Mark before = context.getStore(NAMESPACE).get(Mark.class, Mark.class);
        if (before != null) {
            close.accept(before.snapshot(), System.nanoTime() - before.nanos());
        }
    }

    /** One of the run's sidecars (the shared one, the second lane); JUnit closes it with the root context. */
    private record Running(SidecarClient client) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            client.close();
        }
    }

    /** The run's shared proofs; their temp folder goes when the run ends. */
    private record Proofs(SharedProofs proofs) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            proofs.delete();
        }
    }

    /** Prints the run's account when the root context closes (after the last class). */
    private record Accounting(SidecarAccount account) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            account.stop();
            System.out.println(account.summary());
        }
    }
}
