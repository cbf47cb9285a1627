package com.example.jwt.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.example.jwt.jose4j.FastSignatures;
import com.example.jwt.jose4j.TokenVerifier;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.commons.text.StringSubstitutor;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The Dropwizard application. {@code java -jar dropwizard.jar} runs {@code server} with the bundled config.yml;
 * {@code java -jar dropwizard.jar server my.yml} runs with yours. Variables are substituted into either. A start that
 * fails prints one line (no stack trace) and exits with 2 for a configuration error, 1 otherwise.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2.
 */
public class Main extends Application<Main.AppConfiguration> {

    /** config.yml: Dropwizard's server and logging sections, and ours. */
    public static class AppConfiguration extends Configuration {
        @Valid
        @JsonProperty
        public JwtSettings jwt = new JwtSettings();
    }

    private final StringSubstitutor variables;

    public Main() {
        this(new EnvironmentVariableSubstitutor(false));
    }

    /** With other variables than the process environment's (the tests pass theirs). */
    Main(StringSubstitutor variables) {
        this.variables = variables;
    }

    public static void main(String[] args) throws Exception {
        try {
            new Main().run(args.length == 0 ? new String[] {"server", "config.yml"} : args);
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    @Override
    public void initialize(Bootstrap<AppConfiguration> bootstrap) {
        // config.yml binds the ports as numbers: check them first, so that an error names the variable.
        for (String port : new String[] {"PORT", "ADMIN_PORT"}) {
            String value = variables.getStringLookup().lookup(port);
            if (value != null && !(value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535)) {
                throw new IllegalArgumentException(port + " must be a whole number from 0 to 65535");
            }
        }
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(new FileOrBundled(), variables));
        bootstrap.setConfigurationFactoryFactory(JwtSettings.namingVariables());
        bootstrap.getObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // 1.5 seconds is no int
    }

    @Override
    public void run(AppConfiguration configuration, Environment environment) {
        JwtSettings jwt = configuration.jwt;
        // FastSignatures: speed only; without it: new TokenVerifier(jwt.verifier())
        TokenVerifier verifier = new TokenVerifier(jwt.verifier(), new FastSignatures());
        if (jwt.anyAudience()) {
            org.slf4j.LoggerFactory.getLogger(Main.class)
                    .warn("JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
                            + "tokens this issuer made for any API are accepted");
        }
        JwtAuth.register(environment.jersey(), verifier, jwt.header);
        environment.jersey().register(new ProtectedResource(jwt.requiredScope()));
        environment
                .healthChecks()
                .register(
                        "jwks",
                        new HealthCheck() { // admin port: is the last JWKS fetch good?
                            @Override
                            protected Result check() {
                                return verifier.jwksFetchFailing()
                                        ? Result.unhealthy("the last JWKS fetch failed")
                                        : Result.healthy();
                            }
                        });
        environment.jersey().register(new JsonErrors());
        environment.getApplicationContext().setErrorHandler(JsonErrors.jettyErrors());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server starting) {
                    starting.setErrorHandler(JsonErrors.jettyErrors());
                }
            }
        });
    }

    /** Dropwizard's server and check commands, reporting a failed start in one line instead of a stack trace. */
    @Override
    protected void addDefaultCommands(Bootstrap<AppConfiguration> bootstrap) {
        bootstrap.addCommand(new ServerCommand<>(this) {
            @Override
            public void onError(Cli cli, Namespace namespace, Throwable e) {
                cli.getStdErr().println(oneLine(e));
            }
        });
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    protected void onFatalError(Throwable t) {
        System.exit(oneLine(t).startsWith("Configuration error") ? 2 : 1);
    }

    private static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return "Configuration error: " + t.getMessage();
            }
            if (t instanceof java.net.BindException) {
                return "Cannot start: a port is in use (set PORT or ADMIN_PORT to another one)";
            }
        }
        return "Cannot start: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    }

    /** A config file on disk if there is one, else the config.yml inside the jar. */
    private static final class FileOrBundled implements ConfigurationSourceProvider {
        @Override
        public InputStream open(String path) throws java.io.IOException {
            if (Files.exists(Path.of(path))) {
                return Files.newInputStream(Path.of(path));
            }
            InputStream bundled = Main.class.getResourceAsStream("/" + path);
            if (bundled == null) {
                throw new FileNotFoundException(path);
            }
            return bundled;
        }
    }
}
