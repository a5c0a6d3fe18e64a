package dev.lessonbook.http.profile;

import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.JsonBody;
import dev.lessonbook.http.JsonFields;
import dev.lessonbook.http.Limits;
import dev.lessonbook.http.Results;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads PUT /v1/instructors/{instructorId}/profile (docs/spec.md §2):
 * <pre>{@code
 * {"timezone":"Europe/Berlin",
 *  "email":"ada@example.com",                                     (optional: the token's address)
 *  "buffers":{"online":{"before":0,"after":15}, ...},            (optional, per location type)
 *  "bookingRules":{"minimumNoticeMinutes":{"online":60, ...},     (optional, every member too)
 *                  "maxAdvanceDays":180, "maxLessonsPerDay":null},
 *  "services":[{"id","name","durationOptions":[60],"rates":{"online":6000},"currency":"usd","active":true}]}
 * }</pre>
 *
 * <p>This reader checks syntax and JSON types, and that the timezone is an IANA zone (the
 * domain receives a {@link ZoneId}, so it cannot). What values are allowed — id shape, 15-minute
 * multiples, currency codes, duplicate ids — and the defaults of left-out buffers and currency
 * are the domain's profile rules, applied by the use case; this reader leaves a missing
 * buffer or currency out rather than repeating those defaults.
 */
public final class ProfileRequests {
    /** Enough for any real catalogue; bounds the work one request can cause. */
    public static final int MAX_DURATION_OPTIONS = 16;

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private ProfileRequests() {}

    /** The profile a caller allowed to change it wants stored. */
    public record ProfileUpdate(Editor editor, InstructorProfile profile) {}

    /** 401/403 caller, 404 id, 403 unless the instructor or an admin, then 413/415/400 body, 422 fields. */
    public static Result<ProfileUpdate> putProfile(ApiRequest request) {
        return Results.then(request.caller(), caller -> Results.then(request.pathId("instructorId"), instructorId ->
                Results.then(Permissions.toChangeProfile(caller, instructorId), editor ->
                Results.then(JsonBody.required(request), body -> {
                JsonFields fields = JsonFields.root(body);
                ZoneId timezone = timezone(fields);
                // Judged by the profile rules; left out, the use case takes the token's (SavingInstructorProfile).
                String email = fields.optionalText("email", Integer.MAX_VALUE).orElse(null);
                Map<LocationType, Buffer> buffers = buffers(fields);
                BookingLimits limits = bookingLimits(fields);
                List<LessonService> services = new ArrayList<>();
                for (JsonFields service : fields.requiredObjects("services", Limits.MAX_SERVICES)) {
                    services.add(service(service));
                }
                return fields.finish(() -> new ProfileUpdate(editor,
                        new InstructorProfile(instructorId, timezone, buffers, services, limits, email)));
                }))));
    }

    private static ZoneId timezone(JsonFields fields) {
        String name = fields.requiredText("timezone", 64);
        if (name == null) {
            return null;
        }
        // Region ids only: "+02:00" or "Z" would lose daylight-saving rules.
        if (!ZONES.contains(name)) {
            fields.reject("timezone", "must be an IANA time zone such as Europe/Berlin");
            return null;
        }
        return ZoneId.of(name);
    }

    /** Only the location types the client gave; the domain supplies the others' defaults. */
    private static Map<LocationType, Buffer> buffers(JsonFields fields) {
        Map<LocationType, Buffer> buffers = new EnumMap<>(LocationType.class);
        Optional<JsonFields> given = fields.optionalObject("buffers");
        if (given.isEmpty()) {
            return buffers;
        }
        for (LocationType type : LocationType.values()) {
            Optional<JsonFields> buffer = given.get().optionalObject(type.wireName());
            if (buffer.isPresent()) {
                Integer before = buffer.get().requiredInt("before");
                Integer after = buffer.get().requiredInt("after");
                if (before != null && after != null) {
                    buffers.put(type, new Buffer(before, after));
                }
            }
        }
        return buffers;
    }

    /**
     * Only the members the client gave; a left-out notice stays out of the map and a left-out
     * horizon is the default's, so the domain's defaults apply. {@code maxLessonsPerDay} null or
     * left out means no limit.
     */
    private static BookingLimits bookingLimits(JsonFields fields) {
        Optional<JsonFields> given = fields.optionalObject("bookingRules");
        if (given.isEmpty()) {
            return BookingLimits.DEFAULT;
        }
        Map<LocationType, Integer> notice = new EnumMap<>(LocationType.class);
        given.get().optionalObject("minimumNoticeMinutes").ifPresent(minutes -> {
            for (LocationType type : LocationType.values()) {
                minutes.optionalInt(type.wireName()).ifPresent(value -> notice.put(type, value));
            }
        });
        int maxAdvanceDays = given.get().optionalInt("maxAdvanceDays").orElse(BookingLimits.DEFAULT_MAX_ADVANCE_DAYS);
        OptionalInt maxLessonsPerDay = given.get().optionalInt("maxLessonsPerDay")
                .map(OptionalInt::of).orElse(OptionalInt.empty());
        return new BookingLimits(notice, maxAdvanceDays, maxLessonsPerDay);
    }

    private static LessonService service(JsonFields service) {
        String id = service.requiredText("id", Integer.MAX_VALUE);
        String name = service.requiredText("name", Limits.MAX_SERVICE_NAME_CHARS);
        List<Integer> durations = service.requiredInts("durationOptions", MAX_DURATION_OPTIONS);
        Map<LocationType, Long> rates = new EnumMap<>(LocationType.class);
        JsonFields rateFields = service.requiredObject("rates");
        if (rateFields != null) {
            for (LocationType type : LocationType.values()) {
                rateFields.optionalLong(type.wireName(), 0).ifPresent(rate -> rates.put(type, rate));
            }
        }
        String currency = service.optionalText("currency", Integer.MAX_VALUE).orElse(null);
        boolean active = service.optionalBoolean("active", true);
        return new LessonService(id == null ? "" : id, name == null ? "" : name, durations, rates, currency, active);
    }
}
