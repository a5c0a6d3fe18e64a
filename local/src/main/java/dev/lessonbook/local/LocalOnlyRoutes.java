package dev.lessonbook.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.auth.LocalTokenIssuer;
import dev.lessonbook.local.http.IncomingRequest;
import dev.lessonbook.local.http.LocalHttpServer;
import dev.lessonbook.local.http.Problems;
import dev.lessonbook.problem.ProblemCode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's own endpoints under {@code /_local/} (never in template.yaml): the dev token
 * issuer, its JWKS and discovery document, a health check, and the student's browser completing
 * 3-D Secure ({@code POST /_local/stripe/authenticate}).
 */
final class LocalOnlyRoutes implements LocalHttpServer.LocalEndpoints {
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final String JSON_TYPE = "application/json";

    /** Where a token's address is when the request names none: a domain that never delivers (RFC 6761 reserves {@code .test}). */
    static final String DEFAULT_EMAIL_DOMAIN = "lessonbook.test";

    private final LocalTokenIssuer issuer;
    private final String emailClaim;
    /** Null when no local Stripe server runs (a test of the routes alone). */
    private final LocalStripe stripe;

    /** @param emailClaim the template's {@code EmailClaim}: the claim a token's address goes into */
    LocalOnlyRoutes(LocalTokenIssuer issuer, String emailClaim) {
        this(issuer, emailClaim, null);
    }

    LocalOnlyRoutes(LocalTokenIssuer issuer, String emailClaim, LocalStripe stripe) {
        this.issuer = issuer;
        this.emailClaim = emailClaim;
        this.stripe = stripe;
    }

    @Override
    public Optional<LocalHttpServer.Reply> handle(IncomingRequest request) {
        String route = request.method() + " " + request.rawPath();
        return Optional.ofNullable(switch (route) {
            case "POST /_local/tokens" -> token(request);
            case "POST /_local/stripe/authenticate" -> authenticate(request);
            case "GET /_local/health" -> json(200, Map.of("status", "ok"));
            case "GET /_local/.well-known/jwks.json" -> json(200, Map.of("keys", List.of(issuer.publicKey().toJSONObject())));
            case "GET /_local/.well-known/openid-configuration" -> json(200, JSON.createObjectNode()
                    .put("issuer", issuer.issuer())
                    .put("jwks_uri", issuer.issuer() + "/.well-known/jwks.json"));
            default -> null;
        });
    }

    /**
     * {@code {"sub":"u1","role":"student","email":"ada@example.com","ttlSeconds":3600, ...other claims}} →
     * {@code {"token":"<JWT>"}}. {@code email} goes into the template's email claim; left out, the
     * claim is {@code <sub>@lessonbook.test}; {@code null}, the token carries no address.
     */
    private LocalHttpServer.Reply token(IncomingRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            return problem(ProblemCode.MALFORMED_JSON, "The body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return problem(ProblemCode.MALFORMED_JSON, "The body cannot be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            return problem(ProblemCode.MALFORMED_JSON, "The body must be a JSON object like {\"sub\":\"u1\",\"role\":\"student\"}");
        }
        JsonNode subject = body.get("sub");
        if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"sub\" must be a non-empty string");
        }
        JsonNode role = body.get("role");
        if (role != null && !role.isTextual()) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"role\" must be a string");
        }
        JsonNode ttl = body.get("ttlSeconds");
        if (ttl != null && (!ttl.canConvertToLong() || ttl.asLong() <= 0)) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"ttlSeconds\" must be a positive integer");
        }
        JsonNode email = body.get("email");
        if (email != null && !email.isNull() && !email.isTextual()) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"email\" must be a string, or null for a token without an address");
        }
        Map<String, Object> extraClaims = new LinkedHashMap<>();
        body.properties().forEach(field -> {
            if (!List.of("sub", "role", "ttlSeconds", "email").contains(field.getKey())) {
                extraClaims.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
            }
        });
        if (email == null) {
            extraClaims.put(emailClaim, subject.asText() + "@" + DEFAULT_EMAIL_DOMAIN);
        } else if (email.isTextual()) {
            extraClaims.put(emailClaim, email.asText());
        } else {
            extraClaims.remove(emailClaim);
        }
        String token = issuer.issue(new LocalTokenIssuer.TokenRequest(subject.asText(), role == null ? null : role.asText(),
                ttl == null ? LocalTokenIssuer.DEFAULT_TTL : Duration.ofSeconds(ttl.asLong()), extraClaims));
        return json(200, JSON.createObjectNode().put("token", token));
    }

    /**
     * {@code {"clientSecret":"pi_…_secret_…","success":true|false}} → {@code {"status":"<the intent's status>"}}:
     * what Stripe.js does in the student's browser, done on the local Stripe server, which then
     * sends Stripe's event to the webhook route. An unknown or wrong secret is 404, an intent not
     * awaiting authentication 409.
     */
    private LocalHttpServer.Reply authenticate(IncomingRequest request) {
        String path = "/_local/stripe/authenticate";
        if (stripe == null) {
            return problem(ProblemCode.NOT_FOUND, "No local Stripe server runs", path);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            return problem(ProblemCode.MALFORMED_JSON, "The body is not JSON", path);
        }
        if (body == null || !body.isObject()) {
            return problem(ProblemCode.MALFORMED_JSON,
                    "The body must be a JSON object like {\"clientSecret\":\"pi_..._secret_...\",\"success\":true}", path);
        }
        JsonNode secret = body.get("clientSecret");
        JsonNode success = body.get("success");
        if (secret == null || !secret.isTextual() || !LocalStripe.isClientSecret(secret.asText())) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"clientSecret\" must be an intent's client secret", path);
        }
        if (success == null || !success.isBoolean()) {
            return problem(ProblemCode.VALIDATION_FAILED, "\"success\" must be true or false", path);
        }
        try {
            LocalStripe.Authentication done = stripe.authenticate(secret.asText(), success.asBoolean());
            return switch (done.status()) {
                case 200 -> json(200, Map.of("status", done.intentStatus()));
                case 400 -> problem(ProblemCode.BOOKING_CHANGED, "The intent is not awaiting authentication", path);
                default -> problem(ProblemCode.NOT_FOUND, "No intent has this client secret", path);
            };
        } catch (java.io.IOException e) {
            return problem(ProblemCode.SERVICE_UNAVAILABLE, "The local Stripe server did not answer", path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(ProblemCode.SERVICE_UNAVAILABLE, "Interrupted", path);
        }
    }

    private static LocalHttpServer.Reply json(int status, Object body) {
        try {
            return LocalHttpServer.Reply.json(status, JSON_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException impossible) { // maps, lists, strings and tree nodes only
            throw new UncheckedIOException(impossible);
        }
    }

    private static LocalHttpServer.Reply problem(ProblemCode code, String detail) {
        return problem(code, detail, "/_local/tokens");
    }

    private static LocalHttpServer.Reply problem(ProblemCode code, String detail, String path) {
        return LocalHttpServer.Reply.json(code.status(), Problems.MEDIA_TYPE, Problems.document(code, detail, path));
    }
}
