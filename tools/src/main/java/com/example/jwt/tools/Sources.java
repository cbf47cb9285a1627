package com.example.jwt.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An app's production sources: its own folder's {@code src/main/java}, and the modules of this repository it depends
 * on outside test scope (the hardening module of its JOSE library). Found from the poms, so that a new app or module
 * needs no list kept here.
 */
final class Sources {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern GROUP = Pattern.compile("<groupId>\\s*([^<\\s]+)\\s*</groupId>");
    private static final Pattern SCOPE = Pattern.compile("<scope>\\s*([^<\\s]+)\\s*</scope>");

    private Sources() {}

    /** The Java files of the app itself. */
    static List<Path> ownFiles(String app) {
        return javaFiles(Path.of(app, "src/main/java"));
    }

    /** The folders of the repository's modules the app's production code depends on. */
    static List<Path> modules(String app) {
        List<Path> modules = new ArrayList<>();
        try {
            String pom = Files.readString(Path.of(app, "pom.xml")).replaceAll("(?s)<!--.*?-->", "");
            Matcher dep = DEPENDENCY.matcher(pom);
            while (dep.find()) {
                Matcher group = GROUP.matcher(dep.group(1));
                Matcher artifact = ARTIFACT.matcher(dep.group(1));
                Matcher scope = SCOPE.matcher(dep.group(1));
                boolean own = group.find() && group.group(1).startsWith("com.example");
                boolean runtime = !scope.find() || !scope.group(1).equals("test");
                if (own && runtime && artifact.find()) {
                    Path folder = moduleFolder(artifact.group(1));
                    if (folder != null) {
                        modules.add(folder);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    /** The Java files of the modules the app depends on. */
    static List<Path> moduleFiles(String app) {
        List<Path> files = new ArrayList<>();
        modules(app).forEach(m -> files.addAll(javaFiles(m.resolve("src/main/java"))));
        return files;
    }

    /** A source file by its name, in the app or one of its modules; null when there is none. */
    static Path find(String app, String fileName) {
        List<Path> all = new ArrayList<>(ownFiles(app));
        all.addAll(moduleFiles(app));
        return all.stream()
                .filter(p -> p.getFileName().toString().equals(fileName))
                .findFirst()
                .orElse(null);
    }

    /** The folder (a child of the repository root) whose pom has this artifactId. */
    private static Path moduleFolder(String artifactId) throws IOException {
        try (Stream<Path> children = Files.list(Path.of("."))) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                Path pom = dir.resolve("pom.xml");
                if (Files.exists(pom)) {
                    String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
                    Matcher m = ARTIFACT.matcher(text);
                    if (m.find() && m.group(1).equals(artifactId)) {
                        return dir.normalize();
                    }
                }
            }
        }
        return null;
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
