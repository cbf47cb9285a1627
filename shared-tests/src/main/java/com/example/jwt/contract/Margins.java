package com.example.jwt.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The margins of the timed checks, for whoever tunes them: with {@code -Dcontract.margins=FILE}, each timed check
 * appends its requirement, how long the answer took and the bound, so that a run on a loaded machine shows how close
 * the answers came. Nothing is written otherwise; no verdict depends on it.
 */
final class Margins {
    private static final String FILE = System.getProperty("contract.margins");

    private Margins() {}

    static void note(String requirement, long millis, long bound) {
        if (FILE == null) {
            return;
        }
        try {
            Files.writeString(
                    Path.of(FILE),
                    requirement + "\t" + millis + "\t" + bound + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a note is not worth failing a case for
        }
    }
}
