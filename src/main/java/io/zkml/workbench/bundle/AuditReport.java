package io.zkml.workbench.bundle;

import io.zkml.workbench.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-page HTML audit of a proof bundle: the verdict, what was proven, each check and the
 * facts of the manifest. Self-contained (inline CSS, no scripts), so it can be mailed or archived.
 */
public final class AuditReport {

    private AuditReport() {
    }

    /** The facts of a manifest as label/value pairs, in the order a reader needs them. */
    public static List<String[]> facts(BundleManifest m) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"Program", m.programId()});
        f.add(new String[] {"Function", m.function()});
        f.add(new String[] {"Private input", String.join(", ", m.inputTypes()) + " (value not revealed)"});
        f.add(new String[] {"Public output", String.join(", ", m.publicOutputs())});
        if (m.decoded() != null && m.decoded().classLabel() != null) {
            f.add(new String[] {"Decoded", "class " + m.decoded().classIndex() + " = " + m.decoded().classLabel()});
        } else if (m.decoded() != null && m.decoded().dequantized().length > 0) {
            f.add(new String[] {"Decoded", java.util.Arrays.toString(m.decoded().dequantized())});
        }
        if (m.row() != null) {
            f.add(new String[] {"Dataset row", Integer.toString(m.row())});
        }
        f.add(new String[] {"Model file", m.modelFile()});
        f.add(new String[] {"Model SHA-256", m.modelSha256()});
        f.add(new String[] {"Quant spec SHA-256", m.quantSpecSha256()});
        f.add(new String[] {"Program SHA-256", m.programSha256()});
        f.add(new String[] {"Model commitment", m.modelCommitment() == null ? "none (the weights are in the program text)"
                : m.modelCommitment()});
        if (m.circuit() != null) {
            f.add(new String[] {"Circuit", String.format(Locale.US, "%,d constraints, %,d variables, SRS 2^%d",
                    m.circuit().constraints(), m.circuit().variables(), m.circuit().srsDegreeLog2())});
        }
        if (m.versions() != null) {
            f.add(new String[] {"Versions", m.versions().tool() + "; " + m.versions().sdk() + "; Node.js "
                    + m.versions().node() + "; " + m.versions().network()});
        }
        if (m.timings() != null) {
            f.add(new String[] {"Proving time", String.format(Locale.US, "%.1f s (synthesis %.1f s, proof %.1f s)",
                    m.timings().totalMs() / 1000.0, m.timings().synthesisMs() / 1000.0, m.timings().provingMs() / 1000.0)});
        }
        f.add(new String[] {"Created", m.createdAt()});
        return f;
    }

    public static String html(ProofBundle b, VerificationReport r) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Audit of ")
                .append(esc(b.manifest().programId())).append("</title>\n<style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#1f2328}")
                .append("h1{font-size:1.5em}.verdict{padding:.6em 1em;border-radius:6px;font-weight:600}")
                .append(".ok{background:#dafbe1;color:#1a7f37}.bad{background:#ffebe9;color:#cf222e}")
                .append("table{border-collapse:collapse;width:100%}td,th{padding:.3em .6em;border-bottom:1px solid #d0d7de;")
                .append("text-align:left;vertical-align:top}th{width:12em;color:#57606a;font-weight:500}")
                .append("code{font:13px monospace;word-break:break-all}</style></head><body>\n");
        s.append("<h1>Proof audit: ").append(esc(b.manifest().programId())).append("</h1>\n");
        s.append("<p class=\"verdict ").append(r.valid() ? "ok\">VALID" : "bad\">NOT VALID — " + r.failures().size()
                + " check(s) failed").append("</p>\n");
        s.append("<p>").append(esc(r.statement())).append("</p>\n<h2>What was proven</h2>\n<table>\n");
        for (String[] f : facts(b.manifest())) {
            s.append("<tr><th>").append(esc(f[0])).append("</th><td><code>").append(esc(f[1])).append("</code></td></tr>\n");
        }
        s.append("</table>\n<h2>What was checked</h2>\n<table>\n");
        for (VerificationReport.Check c : r.checks()) {
            s.append("<tr><th>").append(c.passed() ? "&#10003; " : "&#10007; ").append(esc(c.name())).append("</th><td>")
                    .append(esc(c.detail())).append("</td></tr>\n");
        }
        s.append("</table>\n<p>Bundle: <code>").append(esc(r.bundle())).append("</code>. Verifying key: ")
                .append(esc(r.keyCheck())).append(".</p>\n</body></html>\n");
        return s.toString();
    }

    /** Written to a temporary file and moved into place. */
    public static void write(Path file, ProofBundle b, VerificationReport r) {
        AtomicFiles.writeString(file, html(b, r));
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
