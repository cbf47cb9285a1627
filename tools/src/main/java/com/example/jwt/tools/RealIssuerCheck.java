package com.example.jwt.tools;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.runner.ContractRunner;
import com.example.jwt.runner.ProcessLauncher;
import com.example.jwt.runner.RealIssuerRun;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The apps against a real identity provider: Keycloak, already running (scripts/keycloak-check.sh gets it and starts
 * it). It configures the realm through Keycloak's admin API ({@link KeycloakIssuer}), starts each app with the
 * realm's variables, and runs the real-issuer cases ({@code RealIssuerCases}) through the suite's own runner: one
 * {@code PASS app CASE} or {@code FAIL app CASE (findings)} line each, the case named REQUIREMENT/what, then
 * "N passed, N failed". With {@code --lax}, the service named there is the negative control: the run passes only if
 * it fails exactly {@code CLM-4/other-audience}. Exits 1 on any failure, 2 when the check cannot run.
 *
 * <pre>
 * java -cp jwt-tools.jar com.example.jwt.tools.RealIssuerCheck --keycloak http://127.0.0.1:PORT --realm-dir DIR
 *     --jwks-port PORT [--admin USER:PASSWORD] [--app NAME=COMMAND]... [--url NAME=URL]... [--lax NAME=COMMAND]
 * </pre>
 */
public final class RealIssuerCheck {
    /** The one case the negative control, which skips the audience check, must fail. */
    static final String LAX_FAILS = "CLM-4/other-audience";

    private RealIssuerCheck() {}

    /** PASS app CASE, or FAIL app CASE (its findings, on one line). */
    private static void print(RealIssuerRun.Outcome o) {
        ContractRunner.Result r = o.result();
        if (r.status() == ContractRunner.Status.PASS) {
            System.out.println("PASS " + o.app() + " " + r.c().id());
        } else {
            String why = String.join("; ", String.valueOf(r.message()).split("\n"));
            System.out.println("FAIL " + o.app() + " " + r.c().id() + " (" + why + ")");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> commands = new LinkedHashMap<>();
        Map<String, URI> urls = new LinkedHashMap<>();
        String lax = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            String name = value.substring(0, Math.max(0, value.indexOf('=')));
            String what = value.substring(value.indexOf('=') + 1);
            switch (args[i]) {
                case "--app" -> commands.put(name, what);
                case "--url" -> urls.put(name, URI.create(what));
                case "--lax" -> {
                    lax = name;
                    commands.put(name, what);
                }
                default -> options.put(args[i], value);
            }
        }
        if (!options.containsKey("--keycloak") || !options.containsKey("--realm-dir")) {
            System.err.println("usage: RealIssuerCheck --keycloak URL --realm-dir DIR --jwks-port PORT "
                    + "[--admin USER:PASSWORD] [--app NAME=COMMAND]... [--url NAME=URL]... [--lax NAME=COMMAND]");
            System.exit(2);
        }
        String[] admin = options.getOrDefault("--admin", "admin:admin").split(":", 2);
        List<RunningApp> started = new ArrayList<>();
        int failed = 0;
        List<String> laxFailures = new ArrayList<>();
        try (KeycloakIssuer issuer = new KeycloakIssuer(
                URI.create(options.get("--keycloak")),
                admin[0],
                admin[1],
                Path.of(options.get("--realm-dir")),
                Integer.parseInt(options.getOrDefault("--jwks-port", "0")))) {
            Map<String, URI> apps = new LinkedHashMap<>();
            for (Map.Entry<String, String> app : commands.entrySet()) {
                Map<String, String> env = new LinkedHashMap<>(issuer.variables());
                env.put("HOST", "127.0.0.1");
                env.put("PORT", "0");
                env.put("ADMIN_PORT", "0"); // Dropwizard's admin connector on any free port; the others ignore it
                RunningApp running = new ProcessLauncher(app.getValue(), Duration.ofSeconds(180)).start(env);
                started.add(running);
                apps.put(app.getKey(), running.baseUri());
                System.out.println("== " + app.getKey() + " answers /health at " + running.baseUri());
            }
            apps.putAll(urls);
            List<RealIssuerRun.Outcome> outcomes =
                    RealIssuerRun.run(issuer, apps, stage -> System.out.println("== " + stage), RealIssuerCheck::print);
            int passed = 0;
            for (RealIssuerRun.Outcome o : outcomes) {
                boolean pass = o.result().status() == ContractRunner.Status.PASS;
                if (o.app().equals(lax)) {
                    if (!pass) {
                        laxFailures.add(o.result().c().id());
                    }
                } else if (pass) {
                    passed++;
                } else {
                    failed++;
                }
            }
            System.out.println(passed + " passed, " + failed + " failed");
        } catch (Exception e) {
            System.err.println("real-issuer check: " + e.getMessage());
            System.exit(2);
        } finally {
            started.forEach(RunningApp::close);
        }
        if (lax != null) {
            if (laxFailures.equals(List.of(LAX_FAILS))) {
                System.out.println("negative control: OK, the check failed the lax service on " + LAX_FAILS + " only");
            } else {
                System.out.println("negative control: NOT OK: the lax service should fail exactly " + LAX_FAILS
                        + ", it failed " + laxFailures);
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
