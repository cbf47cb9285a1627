package com.example.jwt.contract;

import java.net.URI;

/** An app under test that the suite started, and can stop. */
public interface RunningApp extends AutoCloseable {

    /** Where the app listens, for example {@code http://127.0.0.1:41234}. */
    URI baseUri();

    /** The operating-system process serving it, when the suite started one; -1 for an app in this JVM. */
    default long pid() {
        return -1;
    }

    /**
     * Every line the app has printed so far (standard output and error), for an app the suite started as a process;
     * empty for an app in this JVM.
     */
    default java.util.List<String> output() {
        return java.util.List.of();
    }

    /** Stops the app and frees its port. */
    @Override
    void close();

    static RunningApp of(URI baseUri, Runnable stop) {
        return new RunningApp() {
            @Override
            public URI baseUri() {
                return baseUri;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }

    static RunningApp onPort(int port, Runnable stop) {
        return of(URI.create("http://127.0.0.1:" + port), stop);
    }
}
