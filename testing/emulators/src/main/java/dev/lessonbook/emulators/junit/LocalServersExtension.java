package dev.lessonbook.emulators.junit;

import dev.lessonbook.emulators.LocalServers;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts moto and localstripe once per test JVM (stored in the root context, so every test class
 * shares them) and stops them by PID when the JVM's tests are done, also when they failed.
 * Tests receive the endpoints as a {@link LocalServers.Endpoints} parameter.
 */
public final class LocalServersExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServers.Endpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoints(context);
    }

    public static LocalServers.Endpoints endpoints(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(LocalServersExtension.class))
                .getOrComputeIfAbsent(LocalServers.class, key -> LocalServers.start(), LocalServers.class)
                .endpoints();
    }
}
