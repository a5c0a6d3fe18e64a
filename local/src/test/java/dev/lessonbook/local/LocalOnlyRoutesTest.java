package dev.lessonbook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.auth.LocalTokenIssuer;
import dev.lessonbook.local.http.IncomingRequest;
import dev.lessonbook.local.http.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOnlyRoutesTest {
    private static final ObjectMapper JSON = JsonMappers.standard();
    private final LocalTokenIssuer issuer =
            LocalTokenIssuer.generate("http://127.0.0.1:3000/_local", "lessonbook-local", "custom:role", Clock.systemUTC());
    private final LocalOnlyRoutes routes = new LocalOnlyRoutes(issuer, "custom:email");

    private LocalHttpServer.Reply call(String method, String path, String body) {
        return routes.handle(new IncomingRequest(method, path, null, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1")).orElseThrow();
    }

    private static JsonNode json(LocalHttpServer.Reply reply) throws Exception {
        return JSON.readTree(reply.body());
    }

    @Test
    void aTokenCarriesTheSubjectAndTheRoleUnderTheTemplatesRoleClaim() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"sub\":\"u1\",\"role\":\"student\",\"ttlSeconds\":60}");

        assertThat(reply.status()).isEqualTo(200);
        var claims = SignedJWT.parse(json(reply).get("token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("u1");
        assertThat(claims.getStringClaim("custom:role")).isEqualTo("student");
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:3000/_local");
        assertThat(claims.getAudience()).containsExactly("lessonbook-local");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
    }

    @Test
    void aTokenCarriesTheGivenAddressUnderTheTemplatesEmailClaim() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"sub\":\"u1\",\"role\":\"student\",\"email\":\"ada@example.com\"}");

        var claims = SignedJWT.parse(json(reply).get("token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("custom:email")).isEqualTo("ada@example.com");
        assertThat(claims.getClaim("email")).isNull();
    }

    @Test
    void aTokenWithoutAGivenAddressCarriesTheSubjectAtLessonbookTest() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"sub\":\"u1\",\"role\":\"student\"}");

        var claims = SignedJWT.parse(json(reply).get("token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("custom:email")).isEqualTo("u1@lessonbook.test");
    }

    @Test
    void aNullAddressMakesATokenWithoutOne() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"sub\":\"u1\",\"role\":\"student\",\"email\":null}");

        var claims = SignedJWT.parse(json(reply).get("token").asText()).getJWTClaimsSet();
        assertThat(claims.getClaims()).doesNotContainKeys("custom:email", "email");
    }

    @Test
    void anAddressThatIsNotAStringIsAValidationProblem() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"sub\":\"u1\",\"email\":42}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(json(reply).get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aRequestWithoutSubjectIsAValidationProblem() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "{\"role\":\"student\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(json(reply).get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() throws Exception {
        LocalHttpServer.Reply reply = call("POST", "/_local/tokens", "sub=u1");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply).get("code").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void theJwksPublishesThePublicKeyOnly() throws Exception {
        JsonNode key = json(call("GET", "/_local/.well-known/jwks.json", "")).get("keys").get(0);

        assertThat(key.get("kid").asText()).isEqualTo(issuer.publicKey().getKeyID());
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void otherLocalPathsAreNotAnswered() {
        assertThat(routes.handle(new IncomingRequest("GET", "/_local/tokens", null, Map.of(), new byte[0], "127.0.0.1",
                "HTTP/1.1"))).isEmpty();
    }

    @Test
    void theAuthenticationStandInRefusesWhatIsNotAClientSecretAndASuccessFlagBeforeCallingStripe() throws Exception {
        // No server listens there: every answer below is given before any call to it.
        LocalOnlyRoutes withStripe = new LocalOnlyRoutes(issuer, "custom:email", new LocalStripe(java.net.URI.create("http://127.0.0.1:9")));
        java.util.function.Function<String, LocalHttpServer.Reply> authenticate = body -> withStripe.handle(new IncomingRequest(
                "POST", "/_local/stripe/authenticate", null, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1")).orElseThrow();

        assertThat(authenticate.apply("{\"clientSecret\":").status()).isEqualTo(400);
        assertThat(authenticate.apply("[]").status()).isEqualTo(400);
        assertThat(authenticate.apply("{\"success\":true}").status()).isEqualTo(422);
        assertThat(authenticate.apply("{\"clientSecret\":\"sk_test_x\",\"success\":true}").status()).isEqualTo(422);
        assertThat(authenticate.apply("{\"clientSecret\":\"pi_1_secret_2\",\"success\":\"yes\"}").status()).isEqualTo(422);
        assertThat(json(authenticate.apply("{\"clientSecret\":\"pi_1_secret_2\"}")).get("code").asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(call("POST", "/_local/stripe/authenticate", "{\"clientSecret\":\"pi_1_secret_2\",\"success\":true}").status())
                .as("no local Stripe server").isEqualTo(404);
    }
}
