package dev.lessonbook.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lessonbook.local.template.HttpApiSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtAuthorizerTest {
    private static final String ISSUER = "http://127.0.0.1:3000/_local";
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HttpApiSpec.JwtAuthorizer CONFIG = new HttpApiSpec.JwtAuthorizer("LessonbookJwt",
            "$request.header.Authorization", ISSUER, List.of("lessonbook-local"));

    private final LocalTokenIssuer issuer = LocalTokenIssuer.generate(ISSUER, "lessonbook-local", "role", CLOCK);
    private final JwtAuthorizer authorizer = new JwtAuthorizer(issuer.publicKey(), CLOCK);

    private String token(String subject, String role) {
        return issuer.issue(new LocalTokenIssuer.TokenRequest(subject, role, Duration.ofHours(1), Map.of()));
    }

    private JwtAuthorizer.Verdict authorize(String authorizationHeader) {
        return authorizer.authorize(Map.of("authorization", List.of(authorizationHeader)), CONFIG, List.of());
    }

    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().subject("u1").issuer(ISSUER).audience("lessonbook-local")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60)));
    }

    private String signedWithTheLocalKey(JWTClaimsSet claims) throws Exception {
        RSAKey sameKeyId = new RSAKeyGenerator(2048).keyID(issuer.publicKey().getKeyID()).generate();
        return LocalTokenIssuer.sign(claims, sameKeyId);
    }

    @Test
    void anIssuedTokenIsAcceptedAndItsClaimsReachTheFunctionAsStrings() {
        JwtAuthorizer.Verdict verdict = authorize("Bearer " + token("u1", "student"));

        assertThat(verdict).isInstanceOf(JwtAuthorizer.Verdict.Authorized.class);
        Map<String, String> claims = ((JwtAuthorizer.Verdict.Authorized) verdict).claims();
        assertThat(claims).containsEntry("sub", "u1").containsEntry("role", "student").containsEntry("iss", ISSUER)
                .containsEntry("aud", "lessonbook-local")
                .containsEntry("iat", Long.toString(NOW.getEpochSecond()))
                .containsEntry("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
    }

    @Test
    void theBearerPrefixIsOptionalAsForTheHttpApiAuthorizer() {
        assertThat(authorize(token("u1", "student"))).isInstanceOf(JwtAuthorizer.Verdict.Authorized.class);
    }

    @Test
    void arrayAndObjectClaimsAreRenderedAsApiGatewayRendersThem() {
        String token = issuer.issue(new LocalTokenIssuer.TokenRequest("u1", "admin", Duration.ofHours(1),
                Map.of("groups", List.of("a", "b"), "profile", Map.of("tz", "UTC"), "verified", true)));

        Map<String, String> claims = ((JwtAuthorizer.Verdict.Authorized) authorize("Bearer " + token)).claims();

        assertThat(claims).containsEntry("groups", "[a b]").containsEntry("profile", "{\"tz\":\"UTC\"}")
                .containsEntry("verified", "true");
    }

    @Test
    void aMissingTokenIsRefused() {
        assertThat(authorizer.authorize(Map.of(), CONFIG, List.of())).isInstanceOf(JwtAuthorizer.Verdict.Refused.class);
        assertThat(authorize("Bearer ")).isInstanceOf(JwtAuthorizer.Verdict.Refused.class);
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertThat(authorize("Bearer not.a.jwt")).isEqualTo(new JwtAuthorizer.Verdict.Refused(401, "malformed token"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        LocalTokenIssuer earlier = LocalTokenIssuer.generate(ISSUER, "lessonbook-local", "role",
                Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC));
        JwtAuthorizer trustingEarlier = new JwtAuthorizer(earlier.publicKey(), CLOCK);
        String expired = earlier.issue(new LocalTokenIssuer.TokenRequest("u1", "student", Duration.ofHours(1), Map.of()));

        assertThat(trustingEarlier.authorize(Map.of("authorization", List.of("Bearer " + expired)), CONFIG, List.of()))
                .isEqualTo(new JwtAuthorizer.Verdict.Refused(401, "expired or without exp"));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        String future = issuer.signAsIs(validClaims().notBeforeTime(Date.from(NOW.plusSeconds(30))).build());

        assertThat(authorize("Bearer " + future)).isInstanceOf(JwtAuthorizer.Verdict.Refused.class);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        LocalTokenIssuer other = LocalTokenIssuer.generate("http://elsewhere", "lessonbook-local", "role", CLOCK);
        JwtAuthorizer trustingItsKey = new JwtAuthorizer(other.publicKey(), CLOCK);
        String token = other.issue(new LocalTokenIssuer.TokenRequest("u1", "student", Duration.ofHours(1), Map.of()));

        assertThat(trustingItsKey.authorize(Map.of("authorization", List.of(token)), CONFIG, List.of()))
                .isInstanceOf(JwtAuthorizer.Verdict.Refused.class)
                .extracting(verdict -> ((JwtAuthorizer.Verdict.Refused) verdict).reason()).asString().contains("issuer");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        LocalTokenIssuer other = LocalTokenIssuer.generate(ISSUER, "another-app", "role", CLOCK);
        JwtAuthorizer trustingItsKey = new JwtAuthorizer(other.publicKey(), CLOCK);
        String token = other.issue(new LocalTokenIssuer.TokenRequest("u1", "student", Duration.ofHours(1), Map.of()));

        assertThat(trustingItsKey.authorize(Map.of("authorization", List.of(token)), CONFIG, List.of()))
                .isInstanceOf(JwtAuthorizer.Verdict.Refused.class)
                .extracting(verdict -> ((JwtAuthorizer.Verdict.Refused) verdict).reason()).asString().contains("audience");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEvenWithTheSameKeyId() throws Exception {
        assertThat(authorize("Bearer " + signedWithTheLocalKey(validClaims().build())))
                .isEqualTo(new JwtAuthorizer.Verdict.Refused(401, "bad signature"));
    }

    @Test
    void aTokenWithATamperedPayloadIsRefused() {
        String[] parts = token("u1", "student").split("\\.");
        String admin = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"u1\",\"role\":\"admin\",\"iss\":\"" + ISSUER + "\",\"aud\":\"lessonbook-local\",\"exp\":"
                        + NOW.plusSeconds(60).getEpochSecond() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(authorize("Bearer " + parts[0] + "." + admin + "." + parts[2]))
                .isEqualTo(new JwtAuthorizer.Verdict.Refused(401, "bad signature"));
    }

    @Test
    void aSymmetricallySignedTokenIsRefused() throws Exception {
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.publicKey().getKeyID()).build(),
                validClaims().build());
        hs256.sign(new MACSigner(new byte[32]));

        assertThat(authorize("Bearer " + hs256.serialize())).isInstanceOf(JwtAuthorizer.Verdict.Refused.class);
    }

    @Test
    void aRouteWithScopesNeedsOneOfThemGranted() {
        String withScope = issuer.issue(new LocalTokenIssuer.TokenRequest("u1", "student", Duration.ofHours(1),
                Map.of("scope", "bookings/read profile/read")));
        Map<String, List<String>> headers = Map.of("authorization", List.of("Bearer " + withScope));

        assertThat(authorizer.authorize(headers, CONFIG, List.of("bookings/read")))
                .isEqualTo(new JwtAuthorizer.Verdict.Authorized(
                        ((JwtAuthorizer.Verdict.Authorized) authorizer.authorize(headers, CONFIG, List.of())).claims(),
                        List.of("bookings/read", "profile/read")));
        assertThat(authorizer.authorize(headers, CONFIG, List.of("admin")))
                .isInstanceOf(JwtAuthorizer.Verdict.Refused.class)
                .extracting(verdict -> ((JwtAuthorizer.Verdict.Refused) verdict).status()).isEqualTo(403);
    }

    @Test
    void aClaimTheIssuerOwnsCannotBeOverriddenByTheRequest() {
        String token = issuer.issue(new LocalTokenIssuer.TokenRequest("u1", "student", Duration.ofHours(1),
                Map.of("iss", "http://evil", "aud", "x", "exp", 1)));

        assertThat(authorize(token)).isInstanceOf(JwtAuthorizer.Verdict.Authorized.class);
    }
}
