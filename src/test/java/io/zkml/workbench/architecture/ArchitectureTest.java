package io.zkml.workbench.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.zkml.workbench.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture's rules (docs/ARCHITECTURE.md), checked on the compiled main classes: the core
 * never touches JavaFX, the UI's libraries or the front ends; packages depend only on packages
 * earlier in the pipeline order, so there are no cycles; and the documented dependency table is
 * exactly what the code imports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    static final String ROOT = "io.zkml.workbench";

    /**
     * The pipeline order: a package may use packages of a lower rank only. The root package
     * (Launcher, ToolVersion, WorkbenchException) is the shared kernel and outside the order.
     */
    static final Map<String, Integer> RANK = ranks(
            List.of("io", "graph", "data", "prove"),
            List.of("importer"),
            List.of("samples"),
            List.of("quant"),
            List.of("codegen"),
            List.of("circuit"),
            List.of("session"),
            List.of("export", "design"),
            List.of("bundle", "project"),
            List.of("tooling"),
            List.of("cli", "ui"));

    /** The front ends; everything else is core. */
    static final Set<String> FRONT_ENDS = Set.of("cli", "ui");

    private JavaClasses classes;

    /**
     * The main classes' folder (or jar) only: scanning the whole classpath for the package opened every
     * library jar. Library classes are not imported either (src/test/resources/archunit.properties).
     */
    @BeforeAll
    void importClasses() throws Exception {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrl(Launcher.class.getProtectionDomain().getCodeSource().getLocation());
        assertTrue(classes.contain(Launcher.class) && classes.size() > 300, "imported " + classes.size() + " classes");
    }

    @Test
    void coreNeverImportsJavaFxOrTheFrontEnds() {
        String[] core = RANK.keySet().stream().filter(p -> !FRONT_ENDS.contains(p)).map(p -> ROOT + "." + p + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp..", "org.fxmisc..", "org.eclipse.elk..", "picocli..", ROOT + ".ui..", ROOT + ".cli..")
                .because("the core is shared by the CLI and the workbench (docs/ARCHITECTURE.md)")
                .check(classes);
    }

    /**
     * The workbench's document and presenters are plain Java, so each is tested without JavaFX and
     * without the other views: the open project and its saves (ui.document), the figures' formatting
     * (ui.format), and in the feature packages beside their views every class but the views named in
     * {@link #FEATURE_VIEWS}: the generated code (ui.code), the dashboard's cost figures (ui.dashboard),
     * the proving and audit workflows (ui.prove, ui.audit), the start page's samples (ui.start); in
     * ui.graph and ui.inspector the classes named *Presenter (what a card and the inspector show).
     */
    @Test
    void theWorkbenchDocumentAndPresentersImportNoJavaFx() {
        noClasses().that(arePlain())
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp..", "org.fxmisc..", "org.eclipse.elk..")
                .because("the document and presenters are testable without a window (docs/ARCHITECTURE.md)")
                .check(classes);
        noClasses().that(arePlain())
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".ui")
                .because("the window's classes use the presenters, not the other way round")
                .check(classes);
        noClasses().that(arePlain())
                .should().dependOnClassesThat(areFeatureViews())
                .because("a presenter publishes states its view renders; it never reaches into the view")
                .check(classes);
    }

    /**
     * A feature's views use of the root {@code ui} package only the services every feature shares
     * ({@link #SHARED_BY_FEATURES}), never the window that assembles them (MainWindow, LiveFigures,
     * ProgramPanels, WorkbenchApp…): the window builds the features and wires them together.
     */
    @Test
    void featuresUseNotTheWindowOnlyItsSharedServices() {
        noClasses().that().resideInAPackage(ROOT + ".ui.*..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are the root ui package's window classes",
                        c -> c.getPackageName().equals(ROOT + ".ui") && !SHARED_BY_FEATURES.contains(topLevelName(c))))
                .because("a feature is built by the window and gets what it needs passed in (docs/ARCHITECTURE.md)")
                .check(classes);
    }

    /** A view named in {@link #FEATURE_VIEWS} that no longer exists would leave its replacement unchecked. */
    @Test
    void theNamedViewsExist() {
        FEATURE_VIEWS.forEach((pkg, views) -> views.forEach(v -> assertTrue(classes.contain(ROOT + ".ui." + pkg + "." + v),
                "FEATURE_VIEWS names ui." + pkg + "." + v + ", which is not a class")));
    }

    /** Feature packages of plain Java apart from the views named in {@link #FEATURE_VIEWS}. */
    static final Set<String> PLAIN_PACKAGES = Set.of("document", "format", "code", "dashboard", "prove", "audit",
            "start");

    /** The JavaFX views of the feature packages, by package (nested classes included). */
    static final Map<String, Set<String>> FEATURE_VIEWS = Map.of(
            "code", Set.of("CodeView", "CodeEdit", "CodeFindBar", "CodeHighlighter", "LineNumber"),
            "dashboard", Set.of("Dashboard", "TransitionTable"),
            "prove", Set.of("ProvingPanel", "InputPicker", "StepList", "ProveRowsDialog"),
            "audit", Set.of("AuditView", "AuditWindow", "VerificationSummary"),
            "start", Set.of("StartPage"));

    /** The root ui package's classes that features may use: dialogs, tooltips, wrapped labels, status, background work, the open model. */
    static final Set<String> SHARED_BY_FEATURES = Set.of("ErrorDialog", "Tooltips", "Wrapped", "StatusBar",
            "BackgroundWork", "OpenedModel", "EvaluationSnapshot");

    /** The feature package of a class in ui's sub-packages ("code" for ui.code.CodeView), else null. */
    private static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        return pkg.startsWith(ROOT + ".ui.") ? pkg.substring(ROOT.length() + 4).split("\\.")[0] : null;
    }

    /** The class's top-level class's simple name (CodeView for CodeView$Tab and CodeView[]). */
    private static String topLevelName(JavaClass c) {
        String name = c.getBaseComponentType().getName();
        return name.substring(name.lastIndexOf('.') + 1).split("\\$")[0];
    }

    private static DescribedPredicate<JavaClass> areFeatureViews() {
        return DescribedPredicate.describe("are the feature packages' views",
                c -> FEATURE_VIEWS.getOrDefault(String.valueOf(feature(c)), Set.of()).contains(topLevelName(c)));
    }

    private static DescribedPredicate<JavaClass> arePlain() {
        return DescribedPredicate.describe("are the document, the formatting or presenters beside the views",
                c -> (PLAIN_PACKAGES.contains(String.valueOf(feature(c))) && !areFeatureViews().test(c))
                        || (("graph".equals(feature(c)) || "inspector".equals(feature(c)))
                        && topLevelName(c).endsWith("Presenter")));
    }

    @Test
    void theFrontEndsDoNotUseEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".cli..").should().dependOnClassesThat().resideInAPackage(ROOT + ".ui..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".ui..").should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsInThePipelineOrder() {
        assertEquals(new TreeSet<>(RANK.keySet()), new TreeSet<>(actualDependencies().keySet()),
                "a new package needs its place in ArchitectureTest.RANK and a row in docs/ARCHITECTURE.md");
    }

    @Test
    void packagesDependOnlyOnEarlierPackages() {
        List<String> violations = new ArrayList<>();
        actualDependencies().forEach((from, targets) -> targets.stream()
                .filter(to -> RANK.get(to) >= RANK.get(from) && !(FRONT_ENDS.contains(from) && !FRONT_ENDS.contains(to)))
                .forEach(to -> violations.add(from + " -> " + to + " (" + example(from, to) + ")")));
        assertTrue(violations.isEmpty(), "dependencies against the pipeline order:\n  " + String.join("\n  ", violations));
    }

    /**
     * docs/ARCHITECTURE.md's "depends on" column lists exactly the project packages each package
     * imports (library names such as DL4J may stand beside them; the front ends say "all core packages").
     */
    @Test
    void architectureDocumentsTheRealDependencies() throws IOException {
        Map<String, Set<String>> documented = documentedDependencies(Files.readString(Path.of("docs/ARCHITECTURE.md")));
        Map<String, Set<String>> actual = actualDependencies();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : actual.entrySet()) {
            String pkg = e.getKey();
            if (FRONT_ENDS.contains(pkg)) {
                continue;
            }
            Set<String> doc = documented.get(pkg);
            if (doc == null) {
                wrong.add("`" + ROOT + "." + pkg + "` has no row");
            } else if (!doc.equals(e.getValue())) {
                wrong.add("`" + ROOT + "." + pkg + "` depends on: documented " + cell(doc) + ", imports " + cell(e.getValue()));
            }
        }
        assertTrue(wrong.isEmpty(), "docs/ARCHITECTURE.md's package table differs from the code:\n  " + String.join("\n  ", wrong));
    }

    /** Project packages (by last name) each package's classes use, root package excluded. */
    private Map<String, Set<String>> actualDependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = topPackage(c.getPackageName());
            if (from == null) {
                continue;
            }
            Set<String> targets = deps.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topPackage(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return deps;
    }

    private String example(String from, String to) {
        for (JavaClass c : classes) {
            if (from.equals(topPackage(c.getPackageName()))) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    if (to.equals(topPackage(d.getTargetClass().getPackageName()))) {
                        return d.getDescription();
                    }
                }
            }
        }
        return "";
    }

    static String topPackage(String name) {
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The table rows {@code | `io.zkml.workbench.X` | job | depends on |}: X → the project packages named. */
    static Map<String, Set<String>> documentedDependencies(String markdown) {
        Pattern row = Pattern.compile("^\\| `" + Pattern.quote(ROOT) + "\\.([a-z]+)` \\|.*\\| ([^|]*) \\|\\s*$", Pattern.MULTILINE);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher m = row.matcher(markdown);
        while (m.find()) {
            Set<String> named = new TreeSet<>();
            for (String token : m.group(2).split(",")) {
                String word = token.trim().split("[ (]")[0];
                if (RANK.containsKey(word)) {
                    named.add(word);
                }
            }
            out.put(m.group(1), named);
        }
        return out;
    }

    private static String cell(Set<String> packages) {
        return packages.isEmpty() ? "nothing" : packages.stream().sorted((a, b) -> RANK.get(a) - RANK.get(b) != 0
                ? RANK.get(a) - RANK.get(b) : a.compareTo(b)).collect(Collectors.joining(", "));
    }

    @SafeVarargs
    private static Map<String, Integer> ranks(List<String>... tiers) {
        Map<String, Integer> r = new LinkedHashMap<>();
        for (int i = 0; i < tiers.length; i++) {
            for (String p : tiers[i]) {
                r.put(p, i);
            }
        }
        return r;
    }
}
