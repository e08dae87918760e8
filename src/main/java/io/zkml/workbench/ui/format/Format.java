package io.zkml.workbench.ui.format;

import java.util.Locale;

/** Number formats shared by cards and the inspector, so both show the same figure the same way. */
public final class Format {

    public static final String NO_DATA = "—";

    private Format() {
    }

    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** Constraint counts can reach millions; keep badges short. */
    public static String compact(long n) {
        if (n >= 10_000_000) {
            return String.format(Locale.US, "%.0fM", n / 1e6);
        } else if (n >= 1_000_000) {
            return String.format(Locale.US, "%.1fM", n / 1e6);
        } else if (n >= 10_000) {
            return String.format(Locale.US, "%.0fk", n / 1e3);
        } else if (n >= 1_000) {
            return String.format(Locale.US, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    /**
     * An axis tick: short like {@link #compact} but exact ("12.5k", "1.25M"), because a tick names a
     * position: compact's "13k" under the 12,500 tick put the scale off by 500.
     */
    public static String tick(long n) {
        if (Math.abs(n) >= 1_000_000) {
            return java.math.BigDecimal.valueOf(n, 6).stripTrailingZeros().toPlainString() + "M";
        } else if (Math.abs(n) >= 1_000) {
            return java.math.BigDecimal.valueOf(n, 3).stripTrailingZeros().toPlainString() + "k";
        }
        return Long.toString(n);
    }

    /**
     * An estimated fee in credits, to the hundredth and grouped ("1,258.91"): the deployment estimate's
     * stated error is far above a hundredth, and its six decimals with trailing zeros dropped made a
     * column of figures that did not line up ("1258.9059" over "1413.34463").
     */
    public static String creditsEstimate(long microcredits) {
        return String.format(Locale.US, "%,.2f", microcredits / 1e6);
    }

    /** A rough duration: "56 s", "8 min", "2.5 h". */
    public static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.US, "%.0f s", seconds);
        } else if (seconds < 90 * 60) {
            return String.format(Locale.US, "%.0f min", seconds / 60);
        }
        return String.format(Locale.US, "%.1f h", seconds / 3600);
    }

    /** Memory in GB with one decimal, e.g. "0.6 GB" for 600 MB. */
    public static String memoryGb(double mb) {
        return String.format(Locale.US, "%.1f GB", mb / 1000);
    }

    public static String percent(double share) {
        return String.format(Locale.US, "%.1f%%", share * 100);
    }

    public static String value(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.US, "%.2e", v) : String.format(Locale.US, "%.3f", v);
    }
}
