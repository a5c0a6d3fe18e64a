package dev.lessonbook.http;

import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.problem.ProblemCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerResolverTest {
    private final CallerResolver callers = new CallerResolver("role");

    @Test
    void subjectAndRoleClaimMakeTheCaller() {
        assertThat(value(ApiRequest.of(TestEvents.sample("create-booking.json"), callers).caller()))
                .isEqualTo(new Caller("stud_7", Role.STUDENT, "stud_7@example.com"));
    }

    @Test
    void theEmailClaimIsTheCallersAddress() {
        assertThat(value(callers.resolve(Map.of("sub", "u1", "role", "student", "email", "ada@example.com"))).email())
                .isEqualTo("ada@example.com");
        assertThat(value(callers.resolve(Map.of("sub", "u1", "role", "student"))).email()).isNull();
    }

    @Test
    void anEmailClaimThatIsNotAnAddressCountsAsNone() {
        assertThat(value(callers.resolve(Map.of("sub", "u1", "role", "student", "email", "ada at example"))).email()).isNull();
        assertThat(value(callers.resolve(Map.of("sub", "u1", "role", "student", "email", "[a@b.test]"))).email()).isNull();
    }

    @Test
    void emailClaimNameIsConfigurable() {
        CallerResolver cognito = new CallerResolver("role", "custom:mail");

        assertThat(value(cognito.resolve(Map.of("sub", "u1", "role", "student", "custom:mail", "ada@example.com"))).email())
                .isEqualTo("ada@example.com");
        assertThat(value(cognito.resolve(Map.of("sub", "u1", "role", "student", "email", "ada@example.com"))).email()).isNull();
    }

    @Test
    void aCallerNeverShowsItsAddressWhenPrinted() {
        assertThat(new Caller("u1", Role.STUDENT, "ada@example.com").toString()).doesNotContain("ada@example.com");
    }

    @Test
    void missingAuthorizerIsUnauthenticated() {
        rejected(TestEvents.request("GET", "/x").claims(null).build().caller(), ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void missingSubjectIsUnauthenticated() {
        rejected(callers.resolve(Map.of("role", "student")), ProblemCode.UNAUTHENTICATED);
        rejected(callers.resolve(Map.of("sub", " ", "role", "student")), ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void subjectThatCannotBeAnIdIsUnauthenticated() {
        rejected(callers.resolve(Map.of("sub", "auth0|abc", "role", "student")), ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void unknownRoleIsForbidden() {
        Result403 result = new Result403(callers.resolve(Map.of("sub", "u1", "role", "superuser")));
        assertThat(result.detail()).isEqualTo("The token's 'role' claim must be one of: student, instructor, admin");
    }

    @Test
    void missingRoleIsForbidden() {
        rejected(callers.resolve(Map.of("sub", "u1")), ProblemCode.FORBIDDEN);
    }

    @Test
    void roleValuesAreCaseSensitive() {
        rejected(callers.resolve(Map.of("sub", "u1", "role", "Admin")), ProblemCode.FORBIDDEN);
    }

    @Test
    void roleClaimNameIsConfigurable() {
        CallerResolver cognito = new CallerResolver("custom:role");

        assertThat(value(cognito.resolve(Map.of("sub", "u1", "custom:role", "admin")))).isEqualTo(new Caller("u1", Role.ADMIN));
        rejected(cognito.resolve(Map.of("sub", "u1", "role", "admin")), ProblemCode.FORBIDDEN);
    }

    @Test
    void defaultRoleClaimIsRole() {
        assertThat(CallerResolver.fromEnvironment().roleClaim())
                .isEqualTo(System.getenv("ROLE_CLAIM") == null ? "role" : System.getenv("ROLE_CLAIM"));
    }

    private record Result403(dev.lessonbook.problem.Result<Caller> result) {
        String detail() {
            return rejected(result, ProblemCode.FORBIDDEN).detail();
        }
    }
}
