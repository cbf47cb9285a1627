package com.example.jwt.bench;

import com.example.jwt.bench.LoadBenchmark.AlgResult;
import com.example.jwt.bench.LoadBenchmark.AppResult;
import com.example.jwt.bench.LoadBenchmark.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's Markdown table and SVG chart. */
final class Report {
    /** The target: an app's auth cost per request is at most this multiple of the fastest raw verification. */
    static final double TARGET = 1.5;

    private final Map<String, Map<String, Double>> raw;
    private final List<AppResult> apps;
    private final Options options;

    Report(Map<String, Map<String, Double>> raw, List<AppResult> apps, Options options) {
        this.raw = raw;
        this.apps = apps;
        this.options = options;
    }

    /** The fastest raw verification of this algorithm, in microseconds, and who achieved it. */
    private Map.Entry<String, Double> fastest(String alg) {
        return raw.get(alg).entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .orElseThrow();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(machine())
                .append(", by `bash ")
                .append("scripts/bench.sh`: wrk, 1 thread, ")
                .append(options.connections())
                .append(" connections, ")
                .append(
                        options.paceMillis() > 0
                                ? "each pausing " + options.paceMillis() + " ms between requests, "
                                : "")
                .append(options.seconds())
                .append(" s per run, ")
                .append(options.rounds())
                .append(" rounds of /health and /protected runs interleaved after a warm-up; medians.\n\n");
        md.append("Raw signature verification, one thread (JMH, µs per verification):\n\n");
        md.append("| | ").append(String.join(" | ", LoadBenchmark.ALGS)).append(" |\n|---|");
        md.append("---:|".repeat(LoadBenchmark.ALGS.size())).append('\n');
        for (String provider : List.of("JCA", "BC")) {
            md.append("| ").append(provider.equals("JCA") ? "JCA (JDK providers)" : "BouncyCastle provider");
            for (String alg : LoadBenchmark.ALGS) {
                Double v = raw.get(alg).get(provider);
                md.append(" | ").append(v == null ? "n/a" : fmt(v));
            }
            md.append(" |\n");
        }
        md.append("\nPer app and algorithm. **Auth** is the app's CPU-µs per request of `/protected` minus that of")
                .append(" `/health` sent the same tokens in a header no app reads;")
                .append(" **× raw** divides it by the fastest raw verification above; the target is ≤ ")
                .append(TARGET)
                .append("×.\n\n");
        md.append("| app | alg | /health req/s | /protected req/s | protected ÷ health | /protected p50 / p99 ms")
                .append(" | CPU-µs/req /health | CPU-µs/req /protected | auth CPU-µs | × raw | target |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (AppResult app : apps) {
            for (AlgResult a : app.algs()) {
                double ratio = a.authMicros() / fastest(a.alg()).getValue();
                md.append("| ")
                        .append(app.app())
                        .append(" | ")
                        .append(a.alg())
                        .append(" | ")
                        .append(Math.round(a.health().perSecond()))
                        .append(" | ")
                        .append(Math.round(a.protectedRun().perSecond()))
                        .append(" | ")
                        .append(String.format(
                                Locale.ROOT,
                                "%.2f",
                                a.protectedRun().perSecond() / a.health().perSecond()))
                        .append(" | ")
                        .append(String.format(
                                Locale.ROOT,
                                "%.2f / %.2f",
                                a.protectedRun().p50Micros() / 1000.0,
                                a.protectedRun().p99Micros() / 1000.0))
                        .append(" | ")
                        .append(fmt(a.health().cpuMicrosPerRequest()))
                        .append(" | ")
                        .append(fmt(a.protectedRun().cpuMicrosPerRequest()))
                        .append(" | ")
                        .append(fmt(a.authMicros()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", ratio))
                        .append(" | ")
                        .append(ratio <= TARGET ? "met" : "**missed**")
                        .append(a.protectedRun().reused() > 0 ? " (tokens reused)" : "")
                        .append(" |\n");
            }
        }
        md.append("\n| app | startup to /health, median of 5 cold starts (ms) | first authenticated 200, median (ms)"
                        + " | resident memory after the runs (MiB) | JWKS fetches |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (AppResult app : apps) {
            md.append("| ")
                    .append(app.app())
                    .append(" | ")
                    .append(app.startupMillis())
                    .append(" | ")
                    .append(app.firstAuthenticatedMillis())
                    .append(" | ")
                    .append(app.rssKib() / 1024)
                    .append(" | ")
                    .append(app.jwksFetches())
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Three panels (one per algorithm): each app's auth cost, the fastest raw verification, and the target. */
    String svg() {
        int panelWidth = 300;
        int height = 330;
        int top = 60;
        int bottom = 250;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">\n",
                panelWidth * 3 + 20,
                height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Auth "
                        + "CPU cost per request (µs), %s, %s</text>\n",
                LocalDate.now(),
                escape(machine())));
        svg.append("<text x=\"10\" y=\"38\" fill=\"#555\">bars: /protected minus /health per app; dashed: fastest "
                + "raw verification (JMH); red: target " + TARGET + "× raw</text>\n");
        String[] colours = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2"};
        for (int p = 0; p < LoadBenchmark.ALGS.size(); p++) {
            String alg = LoadBenchmark.ALGS.get(p);
            int x0 = 10 + p * panelWidth;
            double fastest = fastest(alg).getValue();
            double max = fastest * TARGET * 1.25;
            for (AppResult app : apps) {
                max = Math.max(max, app.algs().get(p).authMicros() * 1.1);
            }
            double scale = (bottom - top) / max;
            svg.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", x0 + 10, top - 4, alg));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
                    x0 + 5,
                    bottom,
                    x0 + panelWidth - 15,
                    bottom));
            int barWidth = (panelWidth - 40) / apps.size() - 10;
            for (int i = 0; i < apps.size(); i++) {
                double v = Math.max(0, apps.get(i).algs().get(p).authMicros());
                int x = x0 + 15 + i * (barWidth + 10);
                double h = v * scale;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" " + "fill=\"%s\"/>\n",
                        x,
                        bottom - h,
                        barWidth,
                        h,
                        colours[i % colours.length]));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                        x + barWidth / 2,
                        bottom - h - 4,
                        fmt(v)));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                        x + barWidth / 2,
                        bottom + 16,
                        escape(apps.get(i).app())));
            }
            line(
                    svg,
                    x0,
                    panelWidth,
                    bottom - fastest * scale,
                    "#333",
                    "5,4",
                    "raw " + fmt(fastest) + " (" + fastest(alg).getKey() + ")");
            line(
                    svg,
                    x0,
                    panelWidth,
                    bottom - fastest * TARGET * scale,
                    "#d62728",
                    null,
                    "target " + fmt(fastest * TARGET));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void line(StringBuilder svg, int x0, int width, double y, String colour, String dash, String label) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" " + "stroke-width=\"1.5\"%s/>\n",
                x0 + 5,
                y,
                x0 + width - 15,
                y,
                colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\" " + "font-size=\"10\">%s</text>\n",
                x0 + width - 15,
                y - 3,
                colour,
                escape(label)));
    }

    private static String fmt(double v) {
        return v >= 100 ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** CPU model and count, and the JDK. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + Runtime.version().feature() + " (" + System.getProperty("java.vm.vendor") + ")";
    }
}
