package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import io.javalin.Javalin;
import java.util.Map;

/** The contract against Javalin's documented default; its failures are recorded (see the suite). */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    @Override
    protected String framework() {
        return "javalin";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        Javalin app = DocumentedDefault.start(env);
        return RunningApp.onPort(app.port(), app::stop);
    }
}
