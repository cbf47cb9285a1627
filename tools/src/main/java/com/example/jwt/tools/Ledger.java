package com.example.jwt.tools;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.Consequence;
import com.example.jwt.contract.ContractCases;
import com.example.jwt.contract.Finding;
import com.example.jwt.runner.RecordedFailures;
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

/**
 * The ledger of the documented defaults: for each app, what its framework's documented setup gets wrong, by
 * consequence, worst first (lets through, refuses valid, fails under issuer faults, configuration, answer form), from
 * the findings its DocumentedDefaultTest recorded and asserted. A root cause is counted once: a valid token refused
 * only because of its algorithm is shown under ALG-1, where the algorithm is refused, not under the case it happened
 * in. Each broken requirement is explained from the app's {@code documented-default-explained.tsv} (requirement, its
 * consequence, a short name and one sentence on what the default does, tab-separated; for the library's part, the same
 * file of a module the app depends on) and linked to its fix from
 * {@code documented-default-fixes.tsv} (requirement, a tab, {@code File.java#method} entries, in the app or in a module
 * it depends on). Written into each app's README and the root README between {@code <!-- ledger:begin -->} and
 * {@code <!-- ledger:end -->}; with {@code --check}, writes nothing and fails when a README is not up to date.
 *
 * <pre>java -cp jwt-tools.jar com.example.jwt.tools.Ledger [--check] app...</pre>
 */
public final class Ledger {
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        ContractCases.all().forEach(c -> CASES.put(c.id(), c));
    }

    private Ledger() {}

    /** What one framework's default gets wrong, by consequence, then by (root) requirement, with the cases. */
    record Broken(Map<Consequence, Map<String, Set<String>>> byConsequence, Map<String, String> varies) {
        int count(Consequence c) {
            return byConsequence.getOrDefault(c, Map.of()).size();
        }
    }

    /** One requirement's explanation: a short name for the headline, and what the default does, in a sentence. */
    record Explained(String name, String sentence) {}

    public static void main(String[] args) throws IOException {
        boolean check = args.length > 0 && args[0].equals("--check");
        List<String> apps = new ArrayList<>(List.of(args));
        apps.remove("--check");
        if (apps.isEmpty()) {
            System.err.println(
                    "usage: Ledger [--check] app...   (scripts/ledger.sh passes the apps of scripts/apps.sh)");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Broken> all = new LinkedHashMap<>();
        Map<String, Map<String, Explained>> explanations = new LinkedHashMap<>();
        for (String app : apps) {
            Path module = Path.of(app);
            Path baseline = module.resolve("src/test/java/com/example/jwt/documented/DocumentedDefault.java");
            int baselineLines = Files.exists(baseline) ? Compare.codeLines(baseline) : 0;
            if (baselineLines == 0) {
                problems.add(app + " has no documented default (" + baseline + ")");
            } else if (baselineLines > 60) {
                problems.add(baseline + " has " + baselineLines + " code lines; a documented default has at most 60");
            }
            Broken broken = broken(module);
            Map<String, Explained> explained = explained(app);
            Map<String, List<String>> fixes = fixes(module.resolve("src/test/resources/documented-default-fixes.tsv"));
            all.put(app, broken);
            explanations.put(app, explained);
            String md = appSection(app, baselineLines, broken, explained, fixes, problems);
            replace(module.resolve("README.md"), md, check, problems);
        }
        replace(Path.of("README.md"), summary(apps, all, explanations), check, problems);
        problems.forEach(p -> System.err.println("ledger: " + p));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("ledger: " + (check ? "up to date" : "written") + " in README.md and the READMEs of "
                + String.join(", ", apps));
    }

    /** The recorded findings of a module's baseline, each counted under its root cause. */
    static Broken broken(Path module) {
        Map<String, RecordedFailures.Failed> failed = RecordedFailures.read(module);
        Set<String> refusedAlgs = new TreeSet<>();
        RecordedFailures.Failed algorithms = failed.get("ALG-1.1");
        if (algorithms != null) {
            algorithms.findings().stream()
                    .filter(f -> f.consequence() == Consequence.REFUSES_VALID && f.alg() != null)
                    .forEach(f -> refusedAlgs.add(f.alg()));
        }
        Map<Consequence, Map<String, Set<String>>> by = new TreeMap<>();
        failed.forEach((id, f) -> {
            for (Finding finding : f.findings()) {
                String root = rootOf(id, finding, refusedAlgs);
                by.computeIfAbsent(finding.consequence(), c -> new TreeMap<>(Ledger::byId))
                        .computeIfAbsent(root, r -> new TreeSet<>(Ledger::byId))
                        .add(id);
            }
        });
        Map<String, String> varies = new TreeMap<>(Ledger::byId);
        RecordedFailures.readVaries(module).forEach((id, v) -> varies.put(id, v.why()));
        return new Broken(by, varies);
    }

    /**
     * The requirement a finding counts under: a refused valid token of an algorithm the default refuses anyway counts
     * under ALG-1 (where ALG-1.1 shows it); another verdict counts under the case's own requirement; a wrong answer
     * form under the requirement on the form it breaks.
     */
    static String rootOf(String caseId, Finding f, Set<String> refusedAlgs) {
        if (f.consequence() == Consequence.REFUSES_VALID && f.alg() != null && refusedAlgs.contains(f.alg())) {
            return "ALG-1";
        }
        return f.consequence() == Consequence.ANSWER_FORM ? f.requirement() : Case.requirement(caseId);
    }

    private static String appSection(
            String app,
            int baselineLines,
            Broken broken,
            Map<String, Explained> explained,
            Map<String, List<String>> fixes,
            List<String> problems)
            throws IOException {
        int total = CASES.size();
        StringBuilder md = new StringBuilder();
        md.append("The contract against [the documented default](src/test/java/com/example/jwt/documented/"
                        + "DocumentedDefault.java), " + baselineLines + " code lines: ")
                .append(headline(broken, explained, true))
                .append(". Generated by `bash scripts/ledger.sh` from what `DocumentedDefaultTest` records and ")
                .append("asserts ([`documented-default.tsv`](src/test/resources/documented-default.tsv), ")
                .append(total)
                .append(" cases); a root cause is counted once.\n\n")
                .append("| consequence | requirement | cases | what the documented default does | where this app ")
                .append("fixes it |\n|---|---|---|---|---|\n");
        for (Consequence c : Consequence.values()) {
            for (Map.Entry<String, Set<String>> e :
                    broken.byConsequence().getOrDefault(c, Map.of()).entrySet()) {
                String requirement = e.getKey();
                Explained why = explained.get(requirement + " " + c.key());
                if (why == null && c != Consequence.ANSWER_FORM) {
                    problems.add(app + ": " + requirement + " (" + c.label() + ") is not explained in "
                            + "documented-default-explained.tsv");
                }
                List<String> links = new ArrayList<>();
                for (String fix : fixes.getOrDefault(requirement, List.of())) {
                    links.add(link(app, fix, requirement, problems));
                }
                if (links.isEmpty()) {
                    problems.add(app + ": no fix named for " + requirement + " in documented-default-fixes.tsv");
                }
                List<String> cases = new ArrayList<>(e.getValue());
                String shown = cases.size() <= 6
                        ? String.join(", ", cases)
                        : String.join(", ", cases.subList(0, 5)) + " and " + (cases.size() - 5) + " more";
                md.append("| ")
                        .append(c.label())
                        .append(" | ")
                        .append(requirement)
                        .append(" | ")
                        .append(cases.size())
                        .append(": ")
                        .append(shown)
                        .append(" | ")
                        .append(why == null ? "the answer's form (see the recorded findings)" : why.sentence())
                        .append(" | ")
                        .append(String.join(", ", links))
                        .append(" |\n");
            }
        }
        broken.varies()
                .forEach((id, why) -> md.append("| varies | ")
                        .append(Case.requirement(id))
                        .append(" | 1: ")
                        .append(id)
                        .append(" | ")
                        .append(why.replace("|", "\\|"))
                        .append(" | |\n"));
        return md.toString();
    }

    /**
     * "lets through 2 (no exp required, RS384 accepted); refuses valid 1 (EdDSA); fails under issuer faults 4;
     * configuration 1; answer form 3", worst first, naming the root causes of the first two.
     */
    static String headline(Broken broken, Map<String, Explained> explained, boolean bold) {
        List<String> parts = new ArrayList<>();
        for (Consequence c : Consequence.values()) {
            Map<String, Set<String>> roots = broken.byConsequence().getOrDefault(c, Map.of());
            if (roots.isEmpty()) {
                continue;
            }
            String part = c.label() + " " + roots.size();
            if (c == Consequence.LETS_THROUGH || c == Consequence.REFUSES_VALID) {
                List<String> names = new ArrayList<>();
                roots.keySet().forEach(r -> {
                    Explained e = explained.get(r + " " + c.key());
                    names.add(e != null ? e.name() : r);
                });
                part += " (" + String.join(", ", names) + ")";
            }
            parts.add(bold && c == Consequence.LETS_THROUGH ? "**" + part + "**" : part);
        }
        if (!broken.varies().isEmpty()) {
            parts.add("varies " + broken.varies().size());
        }
        return parts.isEmpty() ? "nothing wrong" : String.join("; ", parts);
    }

    private static String summary(
            List<String> apps, Map<String, Broken> all, Map<String, Map<String, Explained>> explanations) {
        StringBuilder md = new StringBuilder("| framework | what its documented default gets wrong, by consequence "
                + "(worst first; a root cause counted once) |\n|---|---|\n");
        for (String app : apps) {
            md.append("| [")
                    .append(app)
                    .append("](")
                    .append(app)
                    .append("/README.md#6-what-the-documented-default-gets-wrong) | ")
                    .append(headline(all.get(app), explanations.get(app), false).replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    static int byId(String a, String b) {
        String[] x = a.split("[-.]");
        String[] y = b.split("[-.]");
        if (!x[0].equals(y[0])) {
            return Integer.compare(section(x[0]), section(y[0]));
        }
        for (int i = 1; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The order of CONTRACT.md's sections. */
    private static int section(String prefix) {
        int i = List.of("TOK", "ALG", "KEY", "CLM", "BRR", "REQ", "ANS", "JWKS", "CFG", "CON", "GW")
                .indexOf(prefix);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /**
     * What the app's documented default gets wrong, explained: "REQ consequence-key" to its name and sentence, from the
     * files of the modules the app depends on (the library's part, shared by its apps) and then the app's own.
     */
    static Map<String, Explained> explained(String app) throws IOException {
        Map<String, Explained> all = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        for (Path module : Sources.modules(app)) {
            files.add(module.resolve(EXPLAINED));
        }
        files.add(Path.of(app).resolve(EXPLAINED)); // last: the app's own explanation wins
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split("\t");
                if (parts.length == 4 && !line.startsWith("#")) {
                    Consequence.ofKey(parts[1].strip()); // a typo fails here
                    all.put(
                            parts[0].strip() + " " + parts[1].strip(),
                            new Explained(parts[2].strip(), parts[3].strip()));
                }
            }
        }
        return all;
    }

    static final String EXPLAINED = "src/test/resources/documented-default-explained.tsv";

    private static Map<String, List<String>> fixes(Path file) throws IOException {
        Map<String, List<String>> fixes = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split("\t");
                if (parts.length == 2 && !line.startsWith("#")) {
                    fixes.put(parts[0].strip(), List.of(parts[1].strip().split(",\\s*")));
                }
            }
        }
        return fixes;
    }

    /**
     * A Markdown link to the file of a fix, checked: it exists (in the app, or in a module the app depends on) and
     * holds the method. The fixes table says which requirement each fix serves; comments are not searched for IDs.
     */
    private static String link(String app, String fix, String requirement, List<String> problems) throws IOException {
        String[] parts = fix.split("#");
        Path file = Sources.find(app, parts[0]);
        if (file == null) {
            problems.add(app + ": " + fix + " (for " + requirement + "): no such file in " + app + " or its modules");
            return fix;
        }
        if (parts.length > 1 && !Files.readString(file).contains(parts[1] + "(")) {
            problems.add(app + ": " + fix + " (for " + requirement + "): " + parts[0] + " has no method " + parts[1]);
        }
        String relative = Path.of(app).relativize(file).toString();
        return "[`" + parts[0] + "`](" + relative + ")" + (parts.length > 1 ? " `" + parts[1] + "`" : "");
    }

    private static void replace(Path readme, String content, boolean check, List<String> problems) throws IOException {
        String text = Files.readString(readme);
        int begin = text.indexOf("<!-- ledger:begin -->");
        int end = text.indexOf("<!-- ledger:end -->");
        if (begin < 0 || end < begin) {
            problems.add(readme + " has no <!-- ledger:begin --> ... <!-- ledger:end --> section");
            return;
        }
        String updated = text.substring(0, begin) + "<!-- ledger:begin -->\n" + content + text.substring(end);
        if (updated.equals(text)) {
            return;
        }
        if (check) {
            problems.add(readme + " is not up to date: run bash scripts/ledger.sh");
        } else {
            Files.writeString(readme, updated);
        }
    }
}
