package io.zkml.workbench.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Markdown (the guides in docs/guides) as JavaFX nodes: headings, paragraphs with emphasis, code
 * and links, code blocks, lists, block quotes and tables. commonmark-java parses; this only maps
 * its tree to nodes, so the guides read in the app as they do on GitHub, without a web view.
 */
final class GuideRenderer {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** Called with a link's destination when it is clicked. */
    private final Consumer<String> onLink;

    GuideRenderer(Consumer<String> onLink) {
        this.onLink = onLink;
    }

    VBox render(String markdown) {
        VBox page = new VBox(10);
        page.getStyleClass().add("guide");
        blocks(PARSER.parse(markdown), page);
        return page;
    }

    private void blocks(org.commonmark.node.Node parent, VBox into) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node block = block(n);
            if (block != null) {
                into.getChildren().add(block);
            }
        }
    }

    private Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            TextFlow t = inline(h);
            t.getStyleClass().addAll("guide-heading", "guide-h" + Math.min(h.getLevel(), 4));
            return t;
        } else if (n instanceof Paragraph p) {
            TextFlow t = inline(p);
            t.getStyleClass().add("guide-paragraph");
            return t;
        } else if (n instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        } else if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        } else if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("guide-quote");
            blocks(q, box);
            return box;
        } else if (n instanceof ThematicBreak) {
            return new Separator();
        } else if (n instanceof TableBlock t) {
            return table(t);
        } else if (n instanceof HtmlBlock) {
            return null;
        }
        VBox other = new VBox(6);
        blocks(n, other);
        return other;
    }

    private static Node codeBlock(String code) {
        Label l = new Label(code.stripTrailing());
        l.getStyleClass().add("guide-code-block");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private Node list(org.commonmark.node.Node list) {
        VBox box = new VBox(4);
        box.getStyleClass().add("guide-list");
        int number = list instanceof OrderedList o ? o.getStartNumber() : 0;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label bullet = new Label(list instanceof OrderedList ? (number++) + "." : "•");
            bullet.getStyleClass().add("guide-bullet");
            bullet.setMinWidth(Label.USE_PREF_SIZE);
            VBox content = new VBox(4);
            blocks(item, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(8, bullet, content);
            box.getChildren().add(row);
        }
        return box;
    }

    private Node table(TableBlock t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("guide-table");
        int r = 0;
        for (org.commonmark.node.Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                int c = 0;
                for (org.commonmark.node.Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tc) {
                        TextFlow f = inline(tc);
                        f.getStyleClass().add(head ? "guide-table-head" : "guide-table-cell");
                        f.setPadding(new Insets(3, 8, 3, 8));
                        grid.add(f, c++, r);
                    }
                }
                r++;
            }
        }
        int columns = grid.getChildren().stream().mapToInt(n -> GridPane.getColumnIndex(n) + 1).max().orElse(0);
        for (int i = 0; i < columns; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            grid.getColumnConstraints().add(cc);
        }
        return grid;
    }

    /** A block's inline content as one text flow (wraps with the window). */
    private TextFlow inline(org.commonmark.node.Node parent) {
        List<Node> out = new ArrayList<>();
        inlines(parent, out, List.of());
        TextFlow flow = new TextFlow(out.toArray(Node[]::new));
        flow.setMaxWidth(Double.MAX_VALUE);
        return flow;
    }

    private void inlines(org.commonmark.node.Node parent, List<Node> out, List<String> styles) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(text(c.getLiteral(), with(styles, "guide-code")));
            } else if (n instanceof Emphasis) {
                inlines(n, out, with(styles, "guide-em"));
            } else if (n instanceof StrongEmphasis) {
                inlines(n, out, with(styles, "guide-strong"));
            } else if (n instanceof SoftLineBreak) {
                out.add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(text("\n", styles));
            } else if (n instanceof Image img) {
                StringBuilder alt = new StringBuilder();
                for (org.commonmark.node.Node a = img.getFirstChild(); a != null; a = a.getNext()) {
                    if (a instanceof org.commonmark.node.Text at) {
                        alt.append(at.getLiteral());
                    }
                }
                out.add(text("[Picture: " + alt + "]", with(styles, "guide-em")));
            } else if (n instanceof Link link) {
                StringBuilder label = new StringBuilder();
                collectText(link, label);
                Hyperlink h = new Hyperlink(label.toString());
                h.getStyleClass().add("guide-link");
                h.setTooltip(new Tooltip(link.getDestination()));
                h.setOnAction(e -> onLink.accept(link.getDestination()));
                out.add(h);
            } else if (n instanceof HtmlInline) {
                continue;
            } else {
                inlines(n, out, styles);
            }
        }
    }

    private static void collectText(org.commonmark.node.Node parent, StringBuilder into) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                into.append(t.getLiteral());
            } else if (n instanceof Code c) {
                into.append(c.getLiteral());
            } else {
                collectText(n, into);
            }
        }
    }

    private static Text text(String s, List<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("guide-text");
        t.getStyleClass().addAll(styles);
        return t;
    }

    private static List<String> with(List<String> styles, String extra) {
        List<String> l = new ArrayList<>(styles);
        l.add(extra);
        return l;
    }
}
