package com.example.jwt.runner;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.Consequence;
import com.example.jwt.contract.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures a documented default was recorded with, case by case, each with its consequences (see
 * {@code DocumentedDefaultSuite}); the ledger reads them. Two files of the app module:
 * <ul>
 *   <li>{@value #RECORD}, written by a recording run: the case ID, a tab, its consequences (worst first, comma
 *       separated), a tab, and each finding as {@code consequence REQ: message}, joined by {@code " | "};</li>
 *   <li>{@value #VARIES}, written by hand: a case whose outcome against the default is not deterministic (the library
 *       under test races internally), with each outcome it may have ({@code pass} or consequences, joined by
 *       {@code " | "}) and why. Such a case is never recorded as a fixed pass or fail.</li>
 * </ul>
 */
public final class RecordedFailures {
    /** Where the failures are recorded, relative to the app module. */
    public static final String RECORD = "src/test/resources/documented-default.tsv";
    /** Where the cases that vary are listed, relative to the app module. */
    public static final String VARIES = "src/test/resources/documented-default-varies.tsv";

    /** The findings a case keeps in the record; the rest are counted. */
    private static final int MAX_FINDINGS = 8;

    private static final Pattern ALG = Pattern.compile(" \\{alg ([A-Za-z0-9+-]+)}$");

    /** One recorded case: its consequences and findings. */
    public record Failed(String caseId, Set<Consequence> consequences, List<Finding> findings) {}

    /** A case that varies: its possible outcomes (an empty set is "pass") and the reason. */
    public record Varies(String caseId, List<Set<Consequence>> outcomes, String why) {
        public boolean allows(Set<Consequence> observed) {
            return outcomes.contains(observed);
        }
    }

    private RecordedFailures() {}

    /** The recorded failures in a module: case ID to what was recorded. Empty when nothing is recorded. */
    public static Map<String, Failed> read(Path module) {
        Map<String, Failed> failures = new TreeMap<>();
        for (String line : lines(module.resolve(RECORD))) {
            String[] cols = line.split("\t", 3);
            if (cols.length < 2) {
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            if (cols.length == 3) {
                for (String f : cols[2].split(" \\| ")) {
                    findings.add(parseFinding(f));
                }
            }
            try {
                failures.put(cols[0], new Failed(cols[0], consequences(cols[1]), findings));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        RECORD + ": the line of " + cols[0] + " is not in the current format; record again with "
                                + "-Drecord.documented.default=true (" + e.getMessage() + ")");
            }
        }
        return failures;
    }

    /** The cases listed as varying in a module. */
    public static Map<String, Varies> readVaries(Path module) {
        Map<String, Varies> varies = new TreeMap<>();
        for (String line : lines(module.resolve(VARIES))) {
            String[] cols = line.split("\t", 3);
            if (cols.length < 3) {
                throw new IllegalArgumentException(VARIES + ": a line needs a case, its outcomes and why: " + line);
            }
            List<Set<Consequence>> outcomes = new ArrayList<>();
            for (String outcome : cols[1].split(" \\| ")) {
                outcomes.add(
                        outcome.strip().equals("pass") ? EnumSet.noneOf(Consequence.class) : consequences(outcome));
            }
            varies.put(cols[0], new Varies(cols[0], outcomes, cols[2]));
        }
        return varies;
    }

    /** Writes the record of a module: one line per failed case, in case order. */
    public static void write(Path module, Map<String, List<Finding>> failedCases) throws IOException {
        List<String> out = new ArrayList<>();
        failedCases.forEach((id, findings) -> {
            List<String> parts = new ArrayList<>();
            List<Finding> kept = kept(findings);
            for (Finding f : kept) {
                parts.add(f.consequence().key() + " " + oneLine(f.line())
                        + (f.alg() == null ? "" : " {alg " + f.alg() + "}"));
            }
            if (findings.size() > kept.size()) {
                parts.add(kept.get(kept.size() - 1).consequence().key() + " " + Case.requirement(id) + ": and "
                        + (findings.size() - kept.size()) + " more findings like these");
            }
            out.add(id + "\t" + keys(consequencesOf(findings)) + "\t" + String.join(" | ", parts));
        });
        Path file = module.resolve(RECORD);
        Files.createDirectories(file.getParent());
        Files.write(file, out);
    }

    /**
     * The findings a record keeps: one of each consequence and algorithm first (the ledger counts by them), then the
     * others in order, up to {@link #MAX_FINDINGS}.
     */
    private static List<Finding> kept(List<Finding> findings) {
        Set<String> kinds = new HashSet<>();
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            if (kinds.add(f.consequence() + " " + f.alg())) {
                kept.add(f);
            }
        }
        for (Finding f : findings) {
            if (kept.size() < MAX_FINDINGS && !kept.contains(f)) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(findings::indexOf));
        return kept;
    }

    /** The consequences of these findings, worst first. */
    public static Set<Consequence> consequencesOf(Collection<Finding> findings) {
        Set<Consequence> set = EnumSet.noneOf(Consequence.class);
        findings.forEach(f -> set.add(f.consequence()));
        return set;
    }

    public static String keys(Set<Consequence> consequences) {
        return consequences.isEmpty()
                ? "pass"
                : String.join(",", consequences.stream().map(Consequence::key).toList());
    }

    private static Set<Consequence> consequences(String keys) {
        Set<Consequence> set = EnumSet.noneOf(Consequence.class);
        for (String key : keys.split(",")) {
            set.add(Consequence.ofKey(key.strip()));
        }
        return set;
    }

    private static Finding parseFinding(String text) {
        int space = text.indexOf(' ');
        Consequence consequence = Consequence.ofKey(text.substring(0, space));
        String rest = text.substring(space + 1);
        String alg = null;
        Matcher m = ALG.matcher(rest);
        if (m.find()) {
            alg = m.group(1);
            rest = rest.substring(0, m.start());
        }
        int colon = rest.indexOf(": ");
        return new Finding(rest.substring(0, colon), consequence, rest.substring(colon + 2), alg);
    }

    /** A finding in one stable line: no ports, no times, no separators, at most 240 characters. */
    static String oneLine(String message) {
        String line = String.valueOf(message)
                .replaceAll("\\s+", " ")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1")
                .replaceAll("\\b\\d+ ms\\b", "N ms")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("sub-[0-9a-f]{8}-[0-9a-f]{3}", "sub-<n>")
                .replace(" | ", " / ")
                .replace("\t", " ")
                .strip();
        return line.length() <= 240 ? line : line.substring(0, 237) + "...";
    }

    private static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
