package dev.lessonbook.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code AWS::Serverless::HttpApi} (or SAM's implicit one) and its JWT authorizers. */
public record HttpApiSpec(String logicalId, Optional<String> defaultAuthorizer, Map<String, JwtAuthorizer> authorizers) {
    /** The API SAM creates for HttpApi events that name no ApiId. */
    public static final String IMPLICIT_API = "ServerlessHttpApi";

    public record JwtAuthorizer(String name, String identitySource, String issuer, List<String> audiences) {}

    /** The authorizer a route runs under, or empty when it runs without one. */
    public Optional<JwtAuthorizer> authorizerFor(FunctionSpec.HttpRoute route) {
        Optional<String> name = route.authorizer().or(() -> defaultAuthorizer);
        if (name.isEmpty() || name.get().equals("NONE")) {
            return Optional.empty();
        }
        JwtAuthorizer authorizer = authorizers.get(name.get());
        if (authorizer == null) {
            throw new TemplateException("Route " + route.routeKey() + " names unknown authorizer " + name.get()
                    + " (only JWT authorizers are supported locally)");
        }
        return Optional.of(authorizer);
    }
}
