package com.example.jwt.contract;

import java.util.Map;

/** Starts the app under test with these variables, in this JVM or as a process. */
@FunctionalInterface
public interface Launcher {
    RunningApp start(Map<String, String> env) throws Exception;
}
