package com.example.jwt.spring;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON for the errors that Tomcat, Spring Security's firewall and Boot's error controller answer themselves, before
 * Spring MVC runs: the app shell, this repo's API policy rather than the JWT check. By default Tomcat answers a request
 * it cannot parse (a malformed target, headers over Boot's 8 KiB {@code server.max-http-request-header-size}) with its
 * HTML error report; the firewall rejects {@code //}, encoded dots and slashes, and unknown methods with an exception
 * that ends as a 500 or a misleading 401; and Boot's error controller answers a direct {@code GET /error} with 500.
 * Here every error answer is {@code {"error":"not_found"}} and the like.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-5, ANS-7, ANS-8, REQ-2.
 */
@Configuration(proxyBeanMethods = false)
class JsonErrors {

    /**
     * A request the firewall rejects is a client error, not a server error: 405 for a method outside the firewall's
     * list, 400 for anything else (such as {@code //} or an encoded slash in the path).
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        Set<String> methods = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
        return (request, response, rejected) -> write(response, methods.contains(request.getMethod()) ? 400 : 405);
    }

    /** Tomcat's own error report, for requests it refuses before any servlet runs: JSON instead of HTML. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorReport.class.getName()));
    }

    /** Replaces Boot's error controller: the status of the error as JSON, and 404 for a direct request. */
    @RestController
    static class JsonErrorController implements ErrorController {
        @RequestMapping("${server.error.path:/error}")
        ResponseEntity<String> error(HttpServletRequest request) {
            HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                    ? HttpStatus.resolve(code)
                    : null;
            HttpStatus answer = status == null || status.value() < 400 ? HttpStatus.NOT_FOUND : status;
            return ResponseEntity.status(answer)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body(answer.value()));
        }
    }

    /** Tomcat's error report valve, writing {@code {"error":...}}; Tomcat creates it by class name. */
    public static final class JsonErrorReport extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body(status));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the answer was already sent
            }
        }
    }

    static void write(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(body(status).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error":"not_found"}}: the status's reason phrase as an error code. */
    static String body(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error" : known.getReasonPhrase();
        return "{\"error\":\"" + reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "\"}";
    }
}
