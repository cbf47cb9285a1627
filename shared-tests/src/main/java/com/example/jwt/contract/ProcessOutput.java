package com.example.jwt.contract;

import java.util.List;
import java.util.regex.Pattern;

/** What a case reads in the output of an app it started as a process (PROCESS cases). */
final class ProcessOutput {
    /** A line of a Java stack trace: a frame, a cause, or an uncaught exception. */
    private static final Pattern STACK_LINE = Pattern.compile(
            "^\\s+at [\\w$.<>/]+\\(.*\\)|^\\s*Caused by: |^Exception in thread |^\\s+\\.\\.\\. \\d+ more");

    private ProcessOutput() {}

    /** The first line that looks like part of a stack trace, or null. */
    static String stackTraceLine(List<String> lines) {
        return lines.stream()
                .filter(l -> STACK_LINE.matcher(l).find())
                .findFirst()
                .orElse(null);
    }

    /** The app's output once it has stopped growing for a moment (a log written after the answer has landed). */
    static List<String> settled(java.util.function.Supplier<List<String>> output) throws InterruptedException {
        int size = -1;
        List<String> lines = output.get();
        for (int i = 0; i < 40 && lines.size() != size; i++) {
            size = lines.size();
            Thread.sleep(250);
            lines = output.get();
        }
        return lines;
    }

    /** At most this many characters of a line, for a failure message. */
    static String quote(String line) {
        String clean = line.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 160 ? clean.substring(0, 160) + "..." : clean;
    }
}
