package com.example.jwt.contract;

import java.util.List;
import java.util.Map;

/** Starts the app under test with these variables, in this JVM or as a process. */
@FunctionalInterface
public interface Launcher {
    RunningApp start(Map<String, String> env) throws Exception;

    /**
     * What a launcher of processes throws when the app exits before it serves (a configuration error, say): its exit
     * status and every line it printed.
     */
    interface Exited {
        int exitStatus();

        List<String> output();
    }
}
