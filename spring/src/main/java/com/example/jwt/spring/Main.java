package com.example.jwt.spring;

import java.net.BindException;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar spring.jar}. A start that fails prints one line
 * (no stack trace) and exits with 2 for a configuration error, 1 otherwise; every configuration error names its
 * variable, not the property Boot bound it to.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2.
 */
@SpringBootApplication
public class Main {

    public static void main(String[] args) {
        try {
            SpringApplication.run(Main.class, args);
        } catch (RuntimeException e) {
            String line = startupError(e);
            System.err.println(line);
            System.exit(line.startsWith("Configuration error") ? 2 : 1);
        }
    }

    /** PORT, checked before any bean is made: Boot's own error for it names the property (server.port). */
    @Bean
    static BeanFactoryPostProcessor portCheck(Environment environment) {
        return beanFactory -> {
            String port = environment.getProperty("PORT", "8080");
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new InvalidConfigurationPropertyValueException(
                        "server.port", port, "PORT must be a whole number from 0 to 65535");
            }
        };
    }

    /**
     * Boot's binding of {@code jwt.*} ({@link JwtSettings}), its errors naming the variable: a value that does not
     * convert ("sixty" seconds) or that validation refuses becomes "JWT_CLOCK_SKEW_SECONDS must be ...".
     */
    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor variableNames() {
        return parent -> new AbstractBindHandler(parent) {
            @Override
            public Object onFailure(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                    throws Exception {
                if (error instanceof IllegalArgumentException
                        || !name.toString().startsWith("jwt")) {
                    return super.onFailure(name, target, context, error);
                }
                if (error instanceof BindValidationException invalid) {
                    ObjectError first =
                            invalid.getValidationErrors().getAllErrors().get(0);
                    String property = first instanceof FieldError field ? "jwt." + field.getField() : name.toString();
                    throw new IllegalArgumentException(variable(property) + " " + first.getDefaultMessage(), error);
                }
                // a value that does not convert: the property being bound (with a record, name is only "jwt")
                ConfigurationProperty property = context.getConfigurationProperty();
                String failed = property != null ? property.getName().toString() : name.toString();
                throw new IllegalArgumentException(variable(failed) + " must be a whole number", error);
            }
        };
    }

    /** The variable of a property: jwt.clock-skew-seconds (or jwt.clockSkewSeconds) is JWT_CLOCK_SKEW_SECONDS. */
    static String variable(String property) {
        return property.replaceAll("([a-z])([A-Z])", "$1_$2")
                .replaceAll("[.-]", "_")
                .toUpperCase(Locale.ROOT);
    }

    /** One line for a failed start: the configuration error that caused it, or the root cause. */
    private static String startupError(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof InvalidConfigurationPropertyValueException invalid
                    ? invalid.getReason()
                    : t instanceof IllegalArgumentException ? t.getMessage() : null;
            if (message != null && message.matches("^[A-Z_]+[ =:].*")) { // names the variable: JWT_ISSUER is required
                return "Configuration error: " + message;
            }
            if (t instanceof BindException) {
                return "Cannot start: the port is in use (set PORT to another one)";
            }
            root = t;
        }
        return "Cannot start: " + root.getMessage();
    }
}
