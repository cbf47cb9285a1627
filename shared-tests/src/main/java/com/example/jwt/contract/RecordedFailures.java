package com.example.jwt.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The failures a documented default was recorded with (see {@link DocumentedDefaultSuite}); the ledger reads them. */
public final class RecordedFailures {
    /** Where the failures are recorded, relative to the app module. */
    public static final String RECORD = "src/test/resources/documented-default.tsv";

    private RecordedFailures() {}

    /** KEY-1 for KEY-1.2. */
    public static String requirement(String caseId) {
        int dot = caseId.indexOf('.');
        return dot < 0 ? caseId : caseId.substring(0, dot);
    }

    /** The recorded failures of a baseline: case ID to what happened. Empty when nothing is recorded. */
    public static Map<String, String> read(Path record) {
        Map<String, String> failures = new TreeMap<>();
        if (!Files.exists(record)) {
            return failures;
        }
        try {
            for (String line : Files.readAllLines(record)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    failures.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return failures;
    }
}
