package dev.lessonbook.http;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.config.Env;
import dev.lessonbook.contact.EmailAddresses;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JWT claims the authorizer verified into a {@link Caller}: {@code sub} is the user id,
 * the role claim (named by {@code ROLE_CLAIM}, default {@code role}) the role, the email claim
 * (named by {@code EMAIL_CLAIM}, default {@code email}) the address — left out when it is not one
 * ({@link EmailAddresses}): the caller cannot fix their token, and a missing address only means
 * no email (docs/decisions.md "Real recipients").
 */
public final class CallerResolver {
    public static final String ROLE_CLAIM_SETTING = "ROLE_CLAIM";
    public static final String DEFAULT_ROLE_CLAIM = "role";
    public static final String EMAIL_CLAIM_SETTING = "EMAIL_CLAIM";
    public static final String DEFAULT_EMAIL_CLAIM = "email";

    private static final class FromEnvironment {
        // Read once, when first needed: configuration does not change during a container's life.
        static final CallerResolver INSTANCE =
                new CallerResolver(Env.orDefault(ROLE_CLAIM_SETTING, DEFAULT_ROLE_CLAIM),
                        Env.orDefault(EMAIL_CLAIM_SETTING, DEFAULT_EMAIL_CLAIM));
    }

    private final String roleClaim;
    private final String emailClaim;

    public CallerResolver(String roleClaim, String emailClaim) {
        this.roleClaim = roleClaim;
        this.emailClaim = emailClaim;
    }

    /** The role claim named {@code roleClaim}, the email claim {@value #DEFAULT_EMAIL_CLAIM}. */
    public CallerResolver(String roleClaim) {
        this(roleClaim, DEFAULT_EMAIL_CLAIM);
    }

    public static CallerResolver fromEnvironment() {
        return FromEnvironment.INSTANCE;
    }

    public String roleClaim() {
        return roleClaim;
    }

    public Result<Caller> resolve(ApiRequest request) {
        return resolve(request.claims());
    }

    /**
     * No claims or no subject → 401 (there is no identity to act on). A subject that is not shaped
     * like an id cannot own anything in this API (ids appear in paths) → 401 as well. A verified
     * identity without a role we know → 403: it is who it says, but may do nothing here.
     */
    public Result<Caller> resolve(Map<String, String> claims) {
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return Result.rejected(ProblemCode.UNAUTHENTICATED, "A valid bearer token is required");
        }
        if (!Ids.isValid(subject)) {
            return Result.rejected(ProblemCode.UNAUTHENTICATED, "The token's subject is not a valid user id");
        }
        String claim = claims.get(roleClaim);
        Optional<Role> role = Optional.ofNullable(claim).flatMap(Role::fromClaim);
        if (role.isEmpty()) {
            return Result.rejected(ProblemCode.FORBIDDEN,
                    "The token's '" + roleClaim + "' claim must be one of: student, instructor, admin");
        }
        String email = claims.get(emailClaim);
        return Result.ok(new Caller(subject, role.get(), EmailAddresses.isValid(email) ? email : null));
    }
}
