package com.example.jwt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every case has its own literal ID, and CONTRACT.md and the cases name the same requirements. */
class ContractCasesTest {
    private static final Pattern REQUIREMENT = Pattern.compile("^- \\*\\*([A-Z]+-\\d+)\\*\\*", Pattern.MULTILINE);

    @Test
    void caseIdsAreUniqueAndEachNamesARequirementOfTheContract() throws IOException {
        List<Case> cases = ContractCases.all();
        Set<String> ids = new HashSet<>();
        for (Case c : cases) {
            assertTrue(ids.add(c.id()), "case ID used twice: " + c.id());
        }
        Set<String> written = requirementsOfContractMd();
        Set<String> tested = cases.stream().map(Case::requirement).collect(Collectors.toCollection(TreeSet::new));
        Set<String> untested = new TreeSet<>(written);
        untested.removeAll(tested);
        Set<String> unwritten = new TreeSet<>(tested);
        unwritten.removeAll(written);
        assertEquals(Set.of(), untested, "requirements of CONTRACT.md without a case");
        assertEquals(Set.of(), unwritten, "cases whose requirement CONTRACT.md does not have");
    }

    @Test
    void theIdsOfASectionAreItsOwn() {
        for (Case c : ContractCases.all()) {
            String prefix = c.id().substring(0, c.id().indexOf('-'));
            String expected = switch (c.group()) {
                case "token" -> "TOK";
                case "algorithms" -> "ALG";
                case "keys" -> "KEY";
                case "claims" -> "CLM";
                case "bearer" -> "BRR";
                case "requests" -> "REQ";
                case "answers" -> "ANS";
                case "jwks" -> "JWKS";
                case "configuration" -> "CFG";
                case "logs" -> "LOG";
                case "concurrency" -> "CON";
                case "gateway" -> "GW";
                default -> "?";
            };
            assertEquals(expected, prefix, c.id() + " is declared in the " + c.group() + " section");
        }
    }

    @Test
    void theKnownDeviationsShownAreTheListedOnes() throws IOException {
        for (Path file : List.of(Path.of("CONTRACT.md"), Path.of("..", "README.md"))) {
            String text = Files.readString(file);
            int start = text.indexOf(DEVIATIONS_START);
            int end = text.indexOf(DEVIATIONS_END);
            assertTrue(
                    start >= 0 && end > start,
                    file + " has the markers " + DEVIATIONS_START + " and " + DEVIATIONS_END);
            assertEquals(
                    "\n" + KnownDeviations.markdownTable(),
                    text.substring(start + DEVIATIONS_START.length(), end),
                    file + " shows other known deviations than KnownDeviations.java lists (copy markdownTable())");
        }
    }

    private static final String DEVIATIONS_START = "<!-- known-deviations -->";
    private static final String DEVIATIONS_END = "<!-- /known-deviations -->";

    private static Set<String> requirementsOfContractMd() throws IOException {
        Matcher m = REQUIREMENT.matcher(Files.readString(Path.of("CONTRACT.md")));
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertTrue(found.size() > 10, "CONTRACT.md lists its requirements as - **ID**");
        return found;
    }
}
