package dev.lessonbook.http.profile;

import static dev.lessonbook.http.Outcomes.fieldErrors;
import static dev.lessonbook.http.Outcomes.fields;
import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.CallerResolver;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.http.profile.ProfileRequests.ProfileUpdate;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileRequestsTest {

    private static Result<ProfileUpdate> put(String body) {
        return ProfileRequests.putProfile(TestEvents.request("PUT", "/v1/instructors/i1/profile")
                .as("i1", "instructor").pathParam("instructorId", "i1").json(body).build());
    }

    private static String service(String extra) {
        return "{\"id\":\"s1\",\"name\":\"Piano\",\"durationOptions\":[60],\"rates\":{\"online\":6000}" + extra + "}";
    }

    @Test
    void base64SampleEventBecomesTheProfile() {
        ProfileUpdate update = value(ProfileRequests.putProfile(
                ApiRequest.of(TestEvents.sample("put-profile.json"), new CallerResolver("role"))));

        assertThat(update.editor().caller()).isEqualTo(new Caller("inst_42", Role.INSTRUCTOR, "inst_42@example.com"));
        assertThat(update.editor().instructorId()).isEqualTo("inst_42");
        assertThat(update.profile()).isEqualTo(new InstructorProfile("inst_42", ZoneId.of("Europe/Berlin"),
                Map.of(LocationType.STUDENT_LOCATION, new Buffer(45, 45)),
                List.of(new LessonService("guitar-60", "Guitar lesson", List.of(60, 90),
                        Map.of(LocationType.ONLINE, 6000L, LocationType.STUDENT_LOCATION, 9000L), "eur", true))));
    }

    @Test
    void leftOutBuffersCurrencyAndActiveAreLeftToTheirDefaults() {
        InstructorProfile profile = value(put("{\"timezone\":\"America/New_York\",\"services\":[" + service("") + "]}")).profile();

        // The domain's profile rules fill in the buffers and the currency; active defaults to true.
        assertThat(profile.buffers()).isEmpty();
        assertThat(profile.services().get(0).currency()).isNull();
        assertThat(profile.services().get(0).active()).isTrue();
    }

    @Test
    void anEmailIsReadAsGivenAndLeftOutIsNone() {
        assertThat(value(put("{\"timezone\":\"UTC\",\"email\":\"ada@example.com\",\"services\":[]}")).profile().email())
                .isEqualTo("ada@example.com");
        assertThat(value(put("{\"timezone\":\"UTC\",\"email\":null,\"services\":[]}")).profile().email()).isNull();
        assertThat(value(put("{\"timezone\":\"UTC\",\"services\":[]}")).profile().email()).isNull();
    }

    @Test
    void anEmailThatIsNotTextIsAFieldError() {
        assertThat(fieldErrors(put("{\"timezone\":\"UTC\",\"email\":42,\"services\":[]}")))
                .extracting(FieldError::field).containsExactly("email");
    }

    @Test
    void bufferMayGiveBeforeAndAfter() {
        InstructorProfile profile = value(put("{\"timezone\":\"UTC\",\"buffers\":{\"online\":{\"before\":15,\"after\":30}},\"services\":[]}")).profile();

        assertThat(profile.buffers()).containsExactly(Map.entry(LocationType.ONLINE, new Buffer(15, 30)));
    }

    @Test
    void timezoneMustBeAnIanaZone() {
        for (String zone : new String[] {"Mars/Olympus", "+02:00", "Z", "europe/berlin", "CEST"}) {
            assertThat(fieldErrors(put("{\"timezone\":\"" + zone + "\",\"services\":[]}")))
                    .containsExactly(new FieldError("timezone", "must be an IANA time zone such as Europe/Berlin"));
        }
    }

    @Test
    void shapeErrorsAreAllReportedWithTheirPaths() {
        String body = "{\"timezone\":1,\"buffers\":{\"online\":{\"before\":\"0\"},\"car\":{}},"
                + "\"services\":[{\"id\":\"s1\",\"name\":\"Piano\",\"durationOptions\":[60,\"90\"],"
                + "\"rates\":{\"online\":60.5,\"moon\":1},\"active\":\"yes\"}],\"bio\":\"x\"}";

        assertThat(fields(put(body))).containsExactlyInAnyOrder("timezone", "buffers.online.before", "buffers.online.after",
                "services[0].durationOptions[1]", "services[0].rates.online", "services[0].active",
                "bio", "buffers.car", "services[0].rates.moon");
    }

    @Test
    void valueRulesAreTheDomainsNotRepeatedHere() {
        // Ids, 15-minute multiples and currency codes are checked by the domain's profile rules.
        InstructorProfile profile = value(put("{\"timezone\":\"UTC\",\"buffers\":{\"online\":{\"before\":7,\"after\":0}},"
                + "\"services\":[" + service(",\"currency\":\"EURO\"").replace("[60]", "[61]").replace("\"s1\"", "\"s 1\"") + "]}")).profile();

        assertThat(profile.services().get(0).durationOptions()).containsExactly(61);
    }

    @Test
    void servicesAreRequired() {
        assertThat(fieldErrors(put("{\"timezone\":\"UTC\"}"))).containsExactly(new FieldError("services", "is required"));
    }

    @Test
    void anotherInstructorMayNotWriteTheProfile() {
        rejected(ProfileRequests.putProfile(TestEvents.request("PUT", "/v1/instructors/i1/profile").as("i2", "instructor")
                .pathParam("instructorId", "i1").json("{}").build()), ProblemCode.FORBIDDEN);
    }

    @Test
    void leftOutBookingRulesAreTheDefaults() {
        assertThat(value(put("{\"timezone\":\"UTC\",\"services\":[]}")).profile().bookingLimits()).isEqualTo(BookingLimits.DEFAULT);
    }

    @Test
    void bookingRulesMayGiveAnyOfTheirMembers() {
        InstructorProfile profile = value(put("{\"timezone\":\"UTC\",\"bookingRules\":{\"minimumNoticeMinutes\":"
                + "{\"student_location\":1440},\"maxLessonsPerDay\":3},\"services\":[]}")).profile();

        assertThat(profile.bookingLimits()).isEqualTo(new BookingLimits(Map.of(LocationType.STUDENT_LOCATION, 1440),
                BookingLimits.DEFAULT_MAX_ADVANCE_DAYS, java.util.OptionalInt.of(3)));
    }

    @Test
    void aNullDailyLimitIsNoLimit() {
        InstructorProfile profile = value(put("{\"timezone\":\"UTC\",\"bookingRules\":{\"maxAdvanceDays\":30,"
                + "\"maxLessonsPerDay\":null},\"services\":[]}")).profile();

        assertThat(profile.bookingLimits().maxLessonsPerDay()).isEmpty();
        assertThat(profile.bookingLimits().maxAdvanceDays()).isEqualTo(30);
    }

    @Test
    void bookingRuleShapeErrorsAreNamedWithTheirPaths() {
        assertThat(fields(put("{\"timezone\":\"UTC\",\"bookingRules\":{\"minimumNoticeMinutes\":{\"online\":\"60\","
                + "\"car\":5},\"maxAdvanceDays\":1.5,\"maxLessonsPerDay\":\"3\",\"weekends\":false},\"services\":[]}")))
                .containsExactlyInAnyOrder("bookingRules.minimumNoticeMinutes.online", "bookingRules.maxAdvanceDays",
                        "bookingRules.maxLessonsPerDay", "bookingRules.minimumNoticeMinutes.car", "bookingRules.weekends");
    }
}
