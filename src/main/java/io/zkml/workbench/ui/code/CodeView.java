package io.zkml.workbench.ui.code;

import io.zkml.workbench.ui.Tooltips;
import io.zkml.workbench.ui.format.Format;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.codegen.LineSpan;
import io.zkml.workbench.codegen.PrintedProgram;
import javafx.application.Platform;
import javafx.geometry.Pos;
import io.zkml.workbench.codegen.WeightsMode;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;

/**
 * The generated program as Leo and as Aleo instructions, read-only and highlighted, with the lines
 * of the layer selected in the graph marked. When the model cannot be lowered the lowering's own
 * message stands where the code would be, since that message says what to change.
 *
 * <p>A CNN's program runs to tens of thousands of lines, so nothing here is proportional to its
 * length on the FX thread: the text is diffed line by line against what the area shows and
 * highlighted on a worker, only the changed lines are spliced in, and only for the language tab that is visible
 * while the Code tab itself is showing. Marking a layer only redraws the (virtualised) gutter.
 */
public final class CodeView extends VBox {

    private final Language leo = new Language("leoCode", CodeHighlighter.LEO, GeneratedCode.ProgramText::leo);
    private final Language aleo = new Language("aleoCode", CodeHighlighter.ALEO, GeneratedCode.ProgramText::aleo);
    private final TabPane tabs = new TabPane();
    private final Label summary = new Label("No program yet");
    /** The summary and the controls over the texts; it carries the busy state (what the hint restyles). */
    private final VBox bar = new VBox(6);
    private final Label message = new Label();
    private final StackPane body = new StackPane();
    private final CodeFindBar find = new CodeFindBar(this::findIn);
    public final Button export = new Button("Export project…", new FontIcon(MaterialDesignE.EXPORT));
    public final ComboBox<WeightsMode> weights = new ComboBox<>(FXCollections.observableArrayList(WeightsMode.values()));
    /** Diffs and highlights off the FX thread; one at a time, and a newer program makes older results moot. */
    private final ExecutorService styler = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-code-style");
        t.setDaemon(true);
        return t;
    });
    /** What the chosen weights mode costs per weight over constant weights (issue #18's measure). */
    private final Label weightsCost = new Label();

    /** One tab per program of a chain (hidden for one program): which program's texts the Leo and Aleo tabs show. */
    private final TabPane programTabs = new TabPane();
    /** Set while the program tabs are rebuilt, which is not the user choosing a program. */
    private boolean rebuildingPrograms;
    /** The shown program's index in {@link GeneratedCode#programs()} (0 = the entry). */
    private int program;

    private GeneratedCode shown;
    private String layer;
    /** Whether the Code tab is the one showing; hidden text is not kept up to date. */
    private boolean visible = true;

    public CodeView() {
        getStyleClass().add("code-view");
        Tab leoTab = new Tab("Leo", new VirtualizedScrollPane<>(leo.area));
        leoTab.setGraphic(new FontIcon(MaterialDesignF.FILE_CODE_OUTLINE));
        leoTab.setId("leoTab");
        Tab aleoTab = new Tab("Aleo", new VirtualizedScrollPane<>(aleo.area));
        aleoTab.setGraphic(new FontIcon(MaterialDesignA.ALPHA_A_BOX_OUTLINE));
        aleoTab.setId("aleoTab");
        tabs.getTabs().addAll(leoTab, aleoTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> {
            refresh();
            find.refind();
        });

        summary.setId("codeSummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setMinWidth(0);
        export.setId("exportProject");
        export.setDisable(true);
        weights.setId("weightsMode");
        weights.setValue(WeightsMode.CONSTANT);
        weights.setConverter(new StringConverter<>() {
            @Override
            public String toString(WeightsMode m) {
                return m == null ? "" : switch (m) {
                    case CONSTANT -> "Constant weights";
                    case PRIVATE_COMMITTED -> "Committed weights";
                    case PINNED -> "Pinned weights";
                };
            }

            @Override
            public WeightsMode fromString(String s) {
                return null;
            }
        });
        weights.setTooltip(new Tooltip("""
                Constant: the weights are literals in the program (cheapest; the program reveals the model).
                Committed: the weights are private inputs and the proof outputs their Poseidon commitment.
                Pinned: private weights that must hash to the commitment compiled into the program
                (computing it starts snarkVM)."""));
        // The summary gives way first; the controls keep their full labels.
        weights.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        weightsCost.setId("weightsCost");
        weightsCost.getStyleClass().add(Styles.TEXT_MUTED);
        weightsCost.setMinWidth(Region.USE_PREF_SIZE);
        // The summary wraps over the full width and the controls wrap under one another when the side
        // panel is narrow (1024x768, large text), so nothing is cut to "…".
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE); // a wrapped label is elided when its height is squeezed
        FlowPane controls = new FlowPane(8, 6, weightsCost, weights, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().addAll(summary, controls);
        bar.getStyleClass().add("code-bar");

        programTabs.setId("programTabs");
        programTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        programTabs.getStyleClass().add("program-tabs");
        programTabs.setVisible(false);
        programTabs.setMinHeight(Region.USE_PREF_SIZE); // tab headers only: the texts are in the Leo/Aleo tabs below
        programTabs.managedProperty().bind(programTabs.visibleProperty());
        programTabs.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> {
            if (!rebuildingPrograms && n.intValue() >= 0) {
                selectProgram(n.intValue());
            }
        });

        message.setId("codeMessage");
        message.setWrapText(true);
        message.getStyleClass().add("code-message");
        message.setMaxWidth(Double.MAX_VALUE);
        StackPane.setAlignment(message, Pos.TOP_LEFT);
        body.getChildren().add(tabs);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, find, programTabs, body);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                openFind();
                e.consume();
            }
        });
    }

    private static final javafx.css.PseudoClass BUSY = javafx.css.PseudoClass.getPseudoClass("busy");

    public static final KeyCodeCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    /** The newest program for the open model. */
    public void show(GeneratedCode code) {
        shown = code;
        showProgramTabs(code);
        body.getChildren().setAll(tabs);
        export.setDisable(false);
        summary.setText(describe(code));
        boolean priv = code.compiled().weightsMode().privateWeights();
        weightsCost.setText(priv ? String.format("+%.0f / weight", code.overheadPerWeight()) : "");
        // The cost is about 2 constraints per packed bit (docs/ENCODING.md), so the tooltip names the lever.
        Tooltips.retitle(weightsCost, priv ? String.format("%s constraints with these weights vs %s with constant weights: "
                + "%.1f more per weight and bias, packed at %.1f bits each (about 2 constraints per bit; Auto-tune with "
                + "private weights chosen narrows them; docs/ENCODING.md)",
                Format.count(code.compiled().cost().total().constraints()), Format.count(code.constantConstraints()),
                code.overheadPerWeight(), code.bitsPerParameter()) : null);
        refresh();
    }

    private String describe(GeneratedCode code) {
        var s = current(code).segment();
        String of = code.programs().size() > 1 ? "  ·  transition " + (s.index() + 1) + " of " + code.programs().size() : "";
        return s.programId() + "  ·  " + Format.count(s.instructions()) + " instructions  ·  "
                + Format.count(s.cost().total().constraints()) + " constraints" + of;
    }

    /** The program whose texts are shown. */
    private GeneratedCode.ProgramText current(GeneratedCode code) {
        return code.programs().get(Math.min(program, code.programs().size() - 1));
    }

    /** A tab per program of a chain ("T1 iris_tiny.aleo"); the chosen one stays chosen while it exists. */
    private void showProgramTabs(GeneratedCode code) {
        List<String> titles = code.programs().stream()
                .map(p -> "T" + (p.segment().index() + 1) + " " + p.segment().programId()).toList();
        program = Math.min(program, titles.size() - 1);
        rebuildingPrograms = true;
        try {
            if (!titles.equals(programTabTitles())) {
                // A new chain: show the program that lowers the selected layer, as selecting it would.
                program = Math.min(programOf(code, layer).orElse(program), titles.size() - 1);
                List<Tab> t = new java.util.ArrayList<>();
                for (int i = 0; i < titles.size(); i++) {
                    Tab tab = new Tab(titles.get(i));
                    tab.setId("programTab" + i);
                    t.add(tab);
                }
                programTabs.getTabs().setAll(t);
            }
            programTabs.getSelectionModel().select(program);
        } finally {
            rebuildingPrograms = false;
        }
        programTabs.setVisible(titles.size() > 1);
    }

    /** The chain's program whose text holds {@code layerName}'s lines; empty for one program or no layer. */
    private static Optional<Integer> programOf(GeneratedCode code, String layerName) {
        if (layerName == null || code.programs().size() < 2) {
            return Optional.empty();
        }
        // The program's own layers, not a text's line map: neither text may be printed yet.
        return code.programs().stream().filter(p -> p.segment().program().markedLayers().contains(layerName))
                .map(p -> p.segment().index()).findFirst();
    }

    /** Shows program {@code i} of a chain (0 = the entry) in the Leo and Aleo tabs. */
    void selectProgram(int i) {
        if (shown == null || i < 0 || i >= shown.programs().size()) {
            return;
        }
        if (programTabs.getSelectionModel().getSelectedIndex() != i) {
            programTabs.getSelectionModel().select(i); // comes back here through the listener
            return;
        }
        program = i;
        summary.setText(describe(shown));
        refresh();
        find.refind();
    }

    /** The program tabs' titles ("T1 iris_tiny.aleo", …); one entry for a model that is one program. */
    public List<String> programTabTitles() {
        return programTabs.getTabs().stream().map(Tab::getText).toList();
    }

    /** Whether the program tabs are shown (a chain), for tests. */
    public boolean programTabsShown() {
        return programTabs.isVisible();
    }

    /** The index of the program shown (0 = the entry). */
    int shownProgram() {
        return program;
    }

    /** Shown instead of code: why this model has no program (the lowering's message) or none yet. */
    public void showMessage(String text) {
        shown = null;
        message.setText(text);
        body.getChildren().setAll(message);
        programTabs.setVisible(false);
        export.setDisable(true);
        summary.setText("No program");
    }

    /**
     * Busy hint while a newer program is being generated; the old text stays readable meanwhile. On the bar,
     * not the whole view: a pseudo-class change restyles the subtree it is set on, and the view's holds every
     * node of the lines on screen (twice per bit-width change, issue #14).
     */
    public void setRegenerating(boolean busy) {
        bar.pseudoClassStateChanged(BUSY, busy);
        if (busy) {
            summary.setText("Regenerating…");
        } else if (shown != null) {
            summary.setText(describe(shown));
        }
    }

    /** The Code tab became visible or hidden: hidden, the text waits until it is looked at. */
    public void setShowing(boolean showing) {
        visible = showing;
        refresh();
    }

    public Optional<GeneratedCode> shown() {
        return Optional.ofNullable(shown);
    }

    /** Marks the lines of {@code layerName} in both texts and scrolls them into view; null clears. */
    public void highlight(String layerName) {
        layer = layerName;
        // In a chain the layer's lines are in the program that lowers it: show that one.
        if (shown != null) {
            programOf(shown, layerName).ifPresent(this::selectProgram);
        }
        leo.mark(layerName, true);
        aleo.mark(layerName, true);
    }

    /** Ctrl+F: shows the find bar with the focus in it. */
    public void openFind() {
        find.open();
    }

    public CodeFindBar findBar() {
        return find;
    }

    private Language selected() {
        return tabs.getSelectionModel().getSelectedIndex() == 1 ? aleo : leo;
    }

    /** Brings the visible language's text up to date with the shown program, if anyone can see it. */
    private void refresh() {
        if (!visible || shown == null) {
            return;
        }
        Language l = selected();
        GeneratedCode.ProgramText p = current(shown);
        l.load(p);
        l.scrollNow();
    }

    /** The find bar's search: selects the match in the visible text and scrolls to it. */
    private int findIn(CodeFindBar.Query q) {
        Language l = selected();
        if (l.filled == null) {
            return -1;
        }
        return l.select(q);
    }

    /** 0-based paragraphs currently marked in the Leo ({@code aleo == false}) or Aleo text, for tests. */
    public List<Integer> markedLines(boolean aleoText) {
        Language l = aleoText ? aleo : leo;
        return l.marked.stream().filter(i -> i < l.area.getParagraphs().size()).sorted().toList();
    }

    /** The text the area holds now (what the user sees), for tests. */
    public String text(boolean aleoText) {
        return (aleoText ? aleo : leo).area.getText();
    }

    /** True once the visible language's area holds the shown program's text. */
    public boolean isUpToDate() {
        Language l = selected();
        return shown != null && l.filled != null && l.filled == current(shown) && l.loading == null;
    }

    /** The visible language's caret paragraph (0-based), for tests. */
    public int caretLine(boolean aleoText) {
        return (aleoText ? aleo : leo).area.getCurrentParagraph();
    }

    public void selectTab(boolean aleoText) {
        tabs.getSelectionModel().select(aleoText ? 1 : 0);
    }

    /** Stops the highlighting thread. */
    public void close() {
        styler.shutdownNow();
    }

    /** One language's area, the program text it holds, and the lines marked in it. */
    private final class Language {

        final CodeArea area = new CodeArea();
        final CodeHighlighter highlighter;
        /** This language's text of a program: it may not be printed yet, so only the worker asks for it first. */
        final java.util.function.Function<GeneratedCode.ProgramText, PrintedProgram> textOf;
        /** The program the area shows, or null while it shows nothing. */
        GeneratedCode.ProgramText filled;
        /** The program being printed, diffed and highlighted on the worker, or null. */
        GeneratedCode.ProgramText loading;
        Set<Integer> marked = Set.of();
        /** The marked lines, which the gutter's numbers follow. */
        final javafx.beans.property.ObjectProperty<Set<Integer>> marks =
                new javafx.beans.property.SimpleObjectProperty<>(Set.of());
        /** A layer's first line to bring into view once this area is seen; -1 for none. */
        int scrollTo = -1;

        Language(String id, CodeHighlighter highlighter,
                 java.util.function.Function<GeneratedCode.ProgramText, PrintedProgram> textOf) {
            this.highlighter = highlighter;
            this.textOf = textOf;
            area.setId(id);
            area.setEditable(false);
            area.setParagraphGraphicFactory(gutter());
        }

        /** The text the area shows; null while it shows nothing. Printed already: the worker printed it first. */
        PrintedProgram shownText() {
            return filled == null ? null : textOf.apply(filled);
        }

        /**
         * Shows {@code program}'s text in this language. The text is printed (if nobody has yet), diffed against
         * what the area holds and highlighted on the worker: either text of fashion-cnn's entry is tens of
         * milliseconds of printing that the FX thread must not do.
         */
        void load(GeneratedCode.ProgramText program) {
            if (program == filled || program == loading) {
                return;
            }
            loading = program;
            GeneratedCode.ProgramText base = filled;
            try {
                styler.execute(() -> {
                    if (loading != program) {
                        return;
                    }
                    String text = textOf.apply(program).text();
                    String before = base == null ? "" : textOf.apply(base).text();
                    CodeEdit edit = before.equals(text) ? null : CodeEdit.between(before, text, highlighter);
                    Platform.runLater(() -> apply(base, program, edit));
                });
            } catch (RejectedExecutionException closed) {
                loading = null;
            }
        }

        /** {@code edit} is null when the text is the one the area holds (another spec that prints the same). */
        private void apply(GeneratedCode.ProgramText base, GeneratedCode.ProgramText program, CodeEdit edit) {
            if (loading != program) {
                return;
            }
            loading = null;
            if (filled != base) {
                // The area changed meanwhile; diff again against what it holds now.
                load(program);
                return;
            }
            if (edit == null) {
                filled = program;
                mark(layer, false);
                return;
            }
            boolean fresh = base == null;
            if (edit.hunks().size() == 1) {
                CodeEdit.Hunk h = edit.hunks().get(0);
                area.replace(h.from(), h.to(), h.replacement());
            } else if (!edit.isEmpty()) {
                // One document update for every run, each at its offset in the text before the change.
                var change = area.createMultiChange(edit.hunks().size());
                edit.hunks().forEach(h -> change.replace(h.from(), h.to(), h.replacement()));
                change.commit();
            }
            filled = program;
            if (fresh) {
                area.moveTo(0);
                area.showParagraphAtTop(0);
            }
            mark(layer, fresh);
            find.refind();
        }

        /**
         * Marks the layer's lines in the gutter. The gutter's numbers follow {@link #marks}, so a new
         * selection only restyles the labels on screen: swapping the gutter factory (as before) made the
         * area rebuild every visible paragraph, in both languages, on each selection (issue #14).
         */
        void mark(String layerName, boolean scroll) {
            if (filled == null) {
                return;
            }
            List<LineSpan> spans = layerName == null ? List.of()
                    : shownText().layerLines().getOrDefault(layerName, List.of());
            Set<Integer> lines = new HashSet<>();
            for (LineSpan s : spans) {
                for (int line = s.first(); line <= s.last(); line++) {
                    lines.add(line - 1);
                }
            }
            if (scroll) {
                // An area out of sight scrolls when it is next seen (refresh), not now.
                scrollTo = spans.isEmpty() ? -1 : Math.max(0, spans.get(0).first() - 3);
            }
            // Scroll before restyling the gutter: the lines scrolled away are then dropped, not laid out
            // again with their new marks first (a second layout of the page per selection, issue #14).
            if (scrollTo >= 0 && isSeen()) {
                scrollNow();
            }
            if (!lines.equals(marked)) {
                marked = Set.copyOf(lines);
                marks.set(marked);
            }
        }

        /** Whether this area is the one on screen (the Code tab showing, this language's tab chosen). */
        boolean isSeen() {
            return visible && selected() == this;
        }

        /**
         * Brings the pending layer's first lines (two lines of context above) into view, unless they are
         * in view already: scrolling makes the area lay out a new page of paragraphs.
         */
        void scrollNow() {
            int top = scrollTo;
            scrollTo = -1;
            if (top < 0) {
                return;
            }
            if (area.isNeedsLayout() || area.getVisibleParagraphs().isEmpty()) {
                // After layout, or a fresh area ignores the request.
                Platform.runLater(() -> scrollIfAway(top));
            } else {
                // Laid out already (a new selection): finding what is in view costs no layout.
                scrollIfAway(top);
            }
        }

        private void scrollIfAway(int top) {
            int last = area.getParagraphs().size() - 1;
            if (last < 0) {
                return;
            }
            int target = Math.min(top, last);
            if (!area.getVisibleParagraphs().isEmpty()) {
                int first = area.firstVisibleParToAllParIndex();
                int end = area.lastVisibleParToAllParIndex();
                if (target > first && Math.min(target + 3, last) < end) {
                    return;
                }
            }
            area.showParagraphAtTop(target);
        }

        /** Line numbers, the selected layer's marked; called for visible paragraphs only. */
        private IntFunction<Node> gutter() {
            return i -> {
                LineNumber n = new LineNumber(i);
                javafx.beans.value.ChangeListener<Set<Integer>> follow = (obs, was, now) -> {
                    boolean on = now.contains(i);
                    if (on != n.getStyleClass().contains("layer-line")) {
                        if (on) {
                            n.getStyleClass().add("layer-line");
                        } else {
                            n.getStyleClass().remove("layer-line");
                        }
                    }
                };
                follow.changed(marks, null, marks.get());
                // The number holds its listener; the weak wrapper lets a number the area drops be collected.
                n.getProperties().put(Language.class, follow);
                marks.addListener(new javafx.beans.value.WeakChangeListener<>(follow));
                return n;
            };
        }

        /**
         * Selects the query's match (counting from the caret) and returns how many there are. A
         * layer's name also matches that layer's first line: the generated code does not spell
         * layer names, but that is what people look for.
         */
        int select(CodeFindBar.Query q) {
            PrintedProgram shown = shownText();
            String text = shown.text();
            List<int[]> hits = new java.util.ArrayList<>();
            for (int h : CodeFindBar.matches(text, q.text())) {
                hits.add(new int[] {h, h + q.text().length()});
            }
            shown.layerLines().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(q.text().trim()) && !e.getValue().isEmpty())
                    .findFirst().ifPresent(e -> hits.add(lineRange(text, e.getValue().get(0).first())));
            hits.sort(java.util.Comparator.comparingInt(h -> h[0]));
            if (hits.isEmpty()) {
                area.deselect();
                return 0;
            }
            // Typing keeps the current match if it still matches; Enter moves past it.
            int start = area.getSelection().getLength() > 0 ? area.getSelection().getStart() : area.getCaretPosition();
            int[] at;
            if (q.backwards()) {
                at = hits.stream().filter(h -> h[0] < start).reduce((x, y) -> y).orElse(hits.get(hits.size() - 1));
            } else {
                boolean stay = q.restart() || area.getSelection().getLength() == 0;
                at = hits.stream().filter(h -> stay ? h[0] >= start : h[0] > start).findFirst().orElse(hits.get(0));
            }
            area.selectRange(at[0], at[1]);
            area.requestFollowCaret();
            area.showParagraphInViewport(area.getCurrentParagraph());
            return hits.size();
        }
    }

    /** Start and end offsets of 1-based line {@code line} in {@code text}. */
    private static int[] lineRange(String text, int line) {
        int start = 0;
        for (int i = 1; i < line && start >= 0; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                start = text.length();
                break;
            }
        }
        int end = text.indexOf('\n', start);
        return new int[] {start, end < 0 ? text.length() : end};
    }
}
