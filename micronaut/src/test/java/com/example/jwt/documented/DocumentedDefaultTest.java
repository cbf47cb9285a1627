package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract against Micronaut Security's documented default; its failures are recorded (see the suite). Micronaut
 * takes every bean it finds on the class path, so {@link DocumentedDefault} runs in a class loader that has the test
 * class path without the app's own classes (target/classes): none of the app's replacements take part.
 */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    private static final ClassLoader WITHOUT_THE_APP = withoutTheApp();

    @Override
    protected String framework() {
        return "micronaut";
    }

    @Override
    @SuppressWarnings("unchecked")
    protected RunningApp start(Map<String, String> env) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(WITHOUT_THE_APP);
        try {
            Map.Entry<Integer, AutoCloseable> app = (Map.Entry<Integer, AutoCloseable>) WITHOUT_THE_APP
                    .loadClass(DocumentedDefault.class.getName())
                    .getMethod("start", Map.class)
                    .invoke(null, env);
            return RunningApp.onPort(app.getKey(), () -> {
                try {
                    app.getValue().close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ClassLoader withoutTheApp() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path appClasses = Path.of("target", "classes").toAbsolutePath();
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(appClasses)) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
