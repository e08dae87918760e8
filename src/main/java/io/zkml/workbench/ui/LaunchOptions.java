package io.zkml.workbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Hidden options for documentation and visual checks:
 * {@code --screenshot out.png} opens a sample, waits for layout, saves the window and exits;
 * {@code --demo ID} (or system property {@code zkml.demo}) picks the sample, {@code --select NODE}
 * selects a node first, {@code --design} switches design mode on, {@code --dark} uses the dark theme,
 * {@code --size WxH} sets the window, {@code --font PX} the base font size (what A+/A− step through); {@code --tab code|prove} shows that side tab (with {@code --run},
 * the Prove tab first runs dataset row 0 in snarkVM); {@code --audit BUNDLE} pictures the audit window
 * on that bundle instead; {@code --bench-ui} runs {@link UiBenchmark} on every sample (only the {@code --demo} one, or the model file, if given) and exits.
 * A plain argument is a file to open: a {@code .zkwb} project (what the desktop file association
 * passes) or a model file.
 */
public record LaunchOptions(Optional<Path> screenshot, Optional<String> demo, Optional<String> select,
                           boolean dark, double width, double height, Optional<Path> file, boolean design,
                           Optional<String> tab, boolean run, Optional<Path> audit, boolean benchUi, double font) {

    public static LaunchOptions parse(List<String> args) {
        Path shot = null;
        String demo = System.getProperty("zkml.demo");
        String select = null;
        boolean dark = false;
        boolean design = false;
        double w = 1440;
        double h = 900;
        Path file = null;
        String tab = null;
        boolean run = false;
        Path audit = null;
        boolean benchUi = false;
        double font = Appearance.DEFAULT_FONT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--screenshot" -> shot = Path.of(value(args, ++i, a));
                case "--demo" -> demo = value(args, ++i, a);
                case "--select" -> select = value(args, ++i, a);
                case "--dark" -> dark = true;
                case "--design" -> design = true;
                case "--tab" -> tab = value(args, ++i, a);
                case "--run" -> run = true;
                case "--bench-ui" -> benchUi = true;
                case "--font" -> font = Math.max(Appearance.MIN_FONT,
                        Math.min(Appearance.MAX_FONT, Double.parseDouble(value(args, ++i, a))));
                case "--audit" -> audit = Path.of(value(args, ++i, a));
                case "--size" -> {
                    String[] wh = value(args, ++i, a).split("x");
                    w = Double.parseDouble(wh[0]);
                    h = Double.parseDouble(wh[1]);
                }
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (shot != null && demo == null && file == null) {
            demo = "digits-cnn";
        }
        return new LaunchOptions(Optional.ofNullable(shot), Optional.ofNullable(demo), Optional.ofNullable(select),
                dark, w, h, Optional.ofNullable(file), design, Optional.ofNullable(tab), run,
                Optional.ofNullable(audit), benchUi, font);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
