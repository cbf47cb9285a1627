package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import io.helidon.webserver.WebServer;
import java.util.Map;

/** The contract against Helidon SE's documented default; its failures are recorded (see the suite). */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    @Override
    protected String framework() {
        return "helidon";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        WebServer server = DocumentedDefault.start(env);
        return RunningApp.onPort(server.port(), server::stop);
    }
}
