package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import com.example.jwt.runner.ProcessLauncher;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract against SmallRye JWT's documented default; its failures are recorded (see the suite). Quarkus builds
 * {@link DocumentedDefault} and its properties alone into a runnable jar (none of the app's classes take part), and
 * each case starts that jar as a process with its variables.
 */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    @RegisterExtension
    static final QuarkusProdModeTest BUILD = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClass(DocumentedDefault.class)
                    .addAsResource("documented/application.properties", "application.properties"))
            .setApplicationName("documented-default")
            .setApplicationVersion("1")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults build;

    @Override
    protected String framework() {
        return "quarkus";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec '" + java + "' -jar '" + build.getBuiltArtifactPath() + "'";
        return new ProcessLauncher(command, Duration.ofSeconds(30)).start(env);
    }
}
