package io.zkml.workbench.bundle;

import io.zkml.workbench.io.AtomicFiles;

import java.nio.file.Path;

/**
 * A one-page HTML audit of a proof bundle: the verdict, then the report's three parts as they are
 * (proven by the proof, claimed by the bundle, not established) and each check. Self-contained
 * (inline CSS, no scripts), so it can be mailed or archived. Every word of the verdict comes from
 * the {@link VerificationReport}; bundle text is escaped.
 */
public final class AuditReport {

    private AuditReport() {
    }

    public static String html(ProofBundle b, VerificationReport r) {
        String title = b == null ? r.bundle() : b.manifest().programId();
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Audit of ")
                .append(esc(title)).append("</title>\n<style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#1f2328}")
                .append("h1{font-size:1.5em}.verdict{padding:.6em 1em;border-radius:6px;font-weight:600}")
                .append(".ok{background:#dafbe1;color:#1a7f37}.bad{background:#ffebe9;color:#cf222e}")
                .append(".unknown{background:#fff8c5;color:#7d4e00}")
                .append("table{border-collapse:collapse;width:100%}td,th{padding:.3em .6em;border-bottom:1px solid #d0d7de;")
                .append("text-align:left;vertical-align:top}th{width:12em;color:#57606a;font-weight:500}")
                .append("code{font:13px monospace;word-break:break-all}</style></head><body>\n");
        s.append("<h1>Proof audit: ").append(esc(title)).append("</h1>\n");
        String css = switch (r.outcome()) {
            case VALID -> "ok";
            case NOT_VALID -> "bad";
            case COULD_NOT_CHECK -> "unknown";
        };
        s.append("<p class=\"verdict ").append(css).append("\" id=\"verdict\">").append(esc(r.verdict())).append("</p>\n");
        s.append("<p>").append(esc(r.statement())).append("</p>\n");
        if (!r.proven().isEmpty()) {
            s.append("<h2 id=\"proven\">").append(VerificationReport.PROVEN).append("</h2>\n");
            facts(s, r.proven());
        }
        if (!r.claimed().isEmpty()) {
            s.append("<h2 id=\"claimed\">").append(VerificationReport.CLAIMED).append("</h2>\n");
            facts(s, r.claimed());
        }
        s.append("<h2 id=\"not-established\">").append(VerificationReport.NOT_ESTABLISHED).append("</h2>\n<ul>\n");
        for (String n : r.notEstablished()) {
            s.append("<li>").append(esc(n)).append("</li>\n");
        }
        s.append("</ul>\n<h2>What was checked</h2>\n<table>\n");
        for (VerificationReport.Check c : r.checks()) {
            s.append("<tr><th>").append(c.notRun() ? "? " : c.failed() ? "&#10007; " : "&#10003; ").append(esc(c.name()))
                    .append("</th><td>").append(esc(c.detail())).append("</td></tr>\n");
        }
        s.append("</table>\n<p>Bundle: <code>").append(esc(r.bundle())).append("</code>. Verifying key: ")
                .append(esc(r.keyCheck())).append(".</p>\n</body></html>\n");
        return s.toString();
    }

    private static void facts(StringBuilder s, java.util.List<VerificationReport.Fact> facts) {
        s.append("<table>\n");
        for (VerificationReport.Fact f : facts) {
            s.append("<tr><th>").append(esc(f.label())).append("</th><td><code>").append(esc(f.value())).append("</code></td></tr>\n");
        }
        s.append("</table>\n");
    }

    /** Written to a temporary file and moved into place. */
    public static void write(Path file, ProofBundle b, VerificationReport r) {
        AtomicFiles.writeString(file, html(b, r));
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
