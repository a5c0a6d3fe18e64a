package dev.lessonbook.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The local identity provider: signs RS256 tokens with a key pair made at startup, so tokens
 * never outlive the runtime that issued them.
 */
public final class LocalTokenIssuer {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Claims the issuer sets itself; a token request cannot override them. */
    private static final Set<String> REGISTERED = Set.of("iss", "aud", "exp", "iat", "nbf", "jti");

    private final RSAKey signingKey;
    private final String issuer;
    private final String audience;
    private final String roleClaim;
    private final Clock clock;

    private LocalTokenIssuer(RSAKey signingKey, String issuer, String audience, String roleClaim, Clock clock) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.audience = audience;
        this.roleClaim = roleClaim;
        this.clock = clock;
    }

    /**
     * Environment variable holding a private RSA JWK (with {@code kid}) to sign with instead of a
     * key made at startup: lets a test sign tokens it crafts itself (expired, another issuer or
     * audience) with the key the authorizer trusts, so each check is seen on its own.
     */
    public static final String SIGNING_KEY_VARIABLE = "LESSONBOOK_LOCAL_SIGNING_JWK";

    /** The issuer with the key of {@link #SIGNING_KEY_VARIABLE}, or with a new key when it is not set. */
    public static LocalTokenIssuer fromEnvironment(String issuer, String audience, String roleClaim, Clock clock) {
        String jwk = System.getenv(SIGNING_KEY_VARIABLE);
        if (jwk == null || jwk.isBlank()) {
            return generate(issuer, audience, roleClaim, clock);
        }
        try {
            RSAKey key = RSAKey.parse(jwk);
            if (!key.isPrivate() || key.getKeyID() == null) {
                throw new IllegalArgumentException(SIGNING_KEY_VARIABLE + " must be a private RSA JWK with a kid");
            }
            return new LocalTokenIssuer(key, issuer, audience, roleClaim, clock);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(SIGNING_KEY_VARIABLE + " is not an RSA JWK", e);
        }
    }

    public static LocalTokenIssuer generate(String issuer, String audience, String roleClaim, Clock clock) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("local-" + UUID.randomUUID()).generate();
            return new LocalTokenIssuer(key, issuer, audience, roleClaim, clock);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the local signing key", e);
        }
    }

    /** A token request: {@code role} goes into the template's role claim, {@code extraClaims} as they are. */
    public record TokenRequest(String subject, String role, Duration ttl, Map<String, Object> extraClaims) {}

    public String issue(TokenRequest request) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        request.extraClaims().forEach((name, value) -> {
            if (!REGISTERED.contains(name)) {
                claims.claim(name, value);
            }
        });
        claims.subject(request.subject())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.ttl())))
                .jwtID(UUID.randomUUID().toString());
        if (request.role() != null) {
            claims.claim(roleClaim, request.role());
        }
        return sign(claims.build(), signingKey);
    }

    /** Signs exactly these claims with the local key: hand-made tokens for the authorizer's tests. */
    String signAsIs(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a local token", e);
        }
    }

    public RSAKey publicKey() {
        return signingKey.toPublicJWK();
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }
}
