package dev.lessonbook.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lessonbook.local.template.HttpApiSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Does what the HttpApi JWT authorizer does before a request reaches a function: the token from
 * the identity source must be an RS256 JWT signed by a known key, from the configured issuer, for
 * one of the configured audiences (or client ids), unexpired and already valid; the route's
 * scopes, if any, must be granted. The claims reach the function as strings, as API Gateway
 * renders them.
 */
public final class JwtAuthorizer {
    private final RSAKey verificationKey;
    private final Clock clock;

    public JwtAuthorizer(RSAKey verificationKey, Clock clock) {
        this.verificationKey = verificationKey.toPublicJWK();
        this.clock = clock;
    }

    /** The outcome: claims for the function, or why API Gateway would refuse (401, or 403 for scopes). */
    public sealed interface Verdict {
        record Authorized(Map<String, String> claims, List<String> scopes) implements Verdict {}

        record Refused(int status, String reason) implements Verdict {}
    }

    public Verdict authorize(Map<String, List<String>> lowerCaseHeaders, HttpApiSpec.JwtAuthorizer config,
            List<String> requiredScopes) {
        List<String> values = lowerCaseHeaders.get(headerName(config.identitySource()));
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return new Verdict.Refused(401, "no token in " + config.identitySource());
        }
        String token = values.get(0).strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Verdict.Refused(401, "malformed token");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Verdict.Refused(401, "algorithm " + jwt.getHeader().getAlgorithm() + " is not RS256");
        }
        if (!Objects.equals(verificationKey.getKeyID(), jwt.getHeader().getKeyID())) {
            return new Verdict.Refused(401, "unknown key id " + jwt.getHeader().getKeyID());
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(verificationKey))) {
                return new Verdict.Refused(401, "bad signature");
            }
        } catch (JOSEException e) {
            return new Verdict.Refused(401, "signature not verifiable: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!config.issuer().equals(claims.getIssuer())) {
            return new Verdict.Refused(401, "issuer " + claims.getIssuer() + " is not " + config.issuer());
        }
        if (!audienceAccepted(claims, config.audiences())) {
            return new Verdict.Refused(401, "audience " + claims.getAudience() + " is not one of " + config.audiences());
        }
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            return new Verdict.Refused(401, "expired or without exp");
        }
        if (after(claims.getNotBeforeTime(), now)) {
            return new Verdict.Refused(401, "not valid before " + claims.getNotBeforeTime().toInstant());
        }
        if (after(claims.getIssueTime(), now)) {
            return new Verdict.Refused(401, "issued in the future");
        }
        List<String> scopes = scopes(claims);
        if (!requiredScopes.isEmpty() && Collections.disjoint(scopes, requiredScopes)) {
            return new Verdict.Refused(403, "none of the scopes " + requiredScopes + " granted");
        }
        return new Verdict.Authorized(claimStrings(claims), scopes.isEmpty() ? null : scopes);
    }

    private static boolean after(Date moment, Instant now) {
        return moment != null && moment.toInstant().isAfter(now);
    }

    private static boolean audienceAccepted(JWTClaimsSet claims, List<String> accepted) {
        if (claims.getAudience() != null && !claims.getAudience().isEmpty()) {
            return claims.getAudience().stream().anyMatch(accepted::contains);
        }
        return claims.getClaim("client_id") instanceof String clientId && accepted.contains(clientId);
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope instanceof String text) {
            return Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).toList();
        }
        if (scope instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String headerName(String identitySource) {
        String prefix = "$request.header.";
        return identitySource.startsWith(prefix) ? identitySource.substring(prefix.length()).toLowerCase(Locale.ROOT)
                : "authorization";
    }

    /**
     * API Gateway hands every claim to the function as a string: numbers in decimal, arrays as
     * {@code [a b]}, objects as JSON.
     */
    static Map<String, String> claimStrings(JWTClaimsSet claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> strings.put(name, claimString(value)));
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static String claimString(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(JwtAuthorizer::claimString).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return JSONObjectUtils.toJSONString((Map<String, ?>) map);
        }
        return String.valueOf(value);
    }
}
