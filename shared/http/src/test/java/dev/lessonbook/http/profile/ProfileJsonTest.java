package dev.lessonbook.http.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.http.Written;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {

    @Test
    void profileReadsLikeThePutBodyPlusTheInstructorId() {
        InstructorProfile profile = new InstructorProfile("i1", ZoneId.of("Europe/Berlin"),
                Map.of(LocationType.STUDENT_LOCATION, new Buffer(30, 30), LocationType.ONLINE, new Buffer(0, 15),
                        LocationType.INSTRUCTOR_LOCATION, new Buffer(0, 15)),
                List.of(new LessonService("s1", "Piano", List.of(60, 90),
                        Map.of(LocationType.STUDENT_LOCATION, 9000L, LocationType.ONLINE, 6000L), "usd", false)));

        assertThat(Written.body(ProfileJson.response(profile))).isEqualTo(Written.json(ProfileJson.profile(profile)));
        assertThat(Written.json(ProfileJson.profile(profile))).isEqualTo("{\"instructorId\":\"i1\",\"timezone\":\"Europe/Berlin\","
                + "\"buffers\":{\"online\":{\"before\":0,\"after\":15},\"instructor_location\":{\"before\":0,\"after\":15},"
                + "\"student_location\":{\"before\":30,\"after\":30}},"
                + "\"bookingRules\":{\"minimumNoticeMinutes\":{\"online\":60,\"instructor_location\":60,\"student_location\":180},"
                + "\"maxAdvanceDays\":180,\"maxLessonsPerDay\":null},"
                + "\"services\":[{\"id\":\"s1\",\"name\":\"Piano\",\"durationOptions\":[60,90],"
                + "\"rates\":{\"online\":6000,\"student_location\":9000},\"currency\":\"usd\",\"active\":false}]}");
    }

    @Test
    void bookingRulesShowTheirDailyLimitWhenSet() {
        InstructorProfile profile = new InstructorProfile("i1", ZoneId.of("Europe/Berlin"), Map.of(), List.of(),
                new BookingLimits(Map.of(LocationType.ONLINE, 0), 30, OptionalInt.of(4)));

        assertThat(Written.json(ProfileJson.profile(profile).bookingRules())).isEqualTo(
                "{\"minimumNoticeMinutes\":{\"online\":0,\"instructor_location\":60,\"student_location\":180},"
                        + "\"maxAdvanceDays\":30,\"maxLessonsPerDay\":4}");
    }
}
