package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.client.ApiClient.Response;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real recipients over HTTP through ./run-local (docs/spec.md §8): a booking's emails go to the
 * address the student's token carried and to the instructor's profile address (moto's SES records
 * them), a student whose token carried none is sent nothing, nobody sees the other party's address,
 * and no address ever reaches a log line.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class RecipientsIT {
    private static final String INSTRUCTOR = "recipients-ins";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static ReliabilitySystem system;
    private static String instructor;
    private static LocalDate monday;

    @AfterAll
    static void noAddressInTheLogs() {
        system.assertNoSecretsInLogs();
    }

    @BeforeAll
    static void anInstructorWithAnAddressAndAWeek(ReliabilitySystem running) {
        system = running;
        instructor = system.api.token(INSTRUCTOR, "instructor", "ines.recipients@lessonbook.test");
        monday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(3);
        Response profile = system.api.put("/v1/instructors/" + INSTRUCTOR + "/profile", instructor, """
                {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],"rates":{"online":6000}}]}""");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().path("email").asText()).isEqualTo("ines.recipients@lessonbook.test");
        assertThat(system.api.put("/v1/instructors/" + INSTRUCTOR + "/availability/weeks/" + monday, instructor,
                "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"13:00\"}]}".formatted(monday)).status())
                .isEqualTo(200);
    }

    @Test
    void theStudentIsEmailedAtTheirTokensAddressAndTheInstructorAtTheProfilesWithNeitherShownToTheOther() throws Exception {
        String student = system.api.token("recipients-stu", "student", "ada.recipients+e2e@lessonbook.test");

        Response booked = system.api.post("/v1/bookings", student, booking("09:00"));

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.body()).doesNotContain("@");
        ReliabilitySystem.await("both emails sent", Duration.ofSeconds(60), () -> system.sentEmails().containsAll(java.util.List.of(
                "ada.recipients+e2e@lessonbook.test Your lesson is booked: Guitar, " + shortWhen("09:00"),
                "ines.recipients@lessonbook.test New lesson booked: Guitar, " + shortWhen("09:00"))));
        Response profileAsStudent = system.api.get("/v1/instructors/" + INSTRUCTOR + "/profile", student);
        assertThat(profileAsStudent.body()).doesNotContain("ines.recipients");
        Response bookingAsInstructor = system.api.get("/v1/bookings/" + booked.json().path("id").asText(), instructor);
        assertThat(bookingAsInstructor.body()).doesNotContain("ada.recipients");
    }

    @Test
    void aStudentWhoseTokenCarriesNoAddressIsSentNothingWhileTheInstructorIsTold() throws Exception {
        String student = system.api.token("recipients-nomail", "student", null);

        Response booked = system.api.post("/v1/bookings", student, booking("11:00"));

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        ReliabilitySystem.await("the instructor's email sent", Duration.ofSeconds(60), () -> system.sentEmails().contains(
                "ines.recipients@lessonbook.test New lesson booked: Guitar, " + shortWhen("11:00")));
        system.awaitQuiet();
        assertThat(system.sentEmails()).noneMatch(sent -> sent.contains("recipients-nomail"))
                .noneMatch(sent -> sent.startsWith("Your lesson is booked: Guitar, " + shortWhen("11:00")));
        assertThat(system.runtimeOutput()).anySatisfy(line ->
                assertThat(line).contains("\"NotificationRecipientMissing\":1", "\"party\":\"STUDENT\""));
    }

    @Test
    void theLogScanFindsAnAddressInAnyLine() {
        assertThat(ReliabilitySystem.EMAIL_ADDRESS.matcher("{\"level\":\"WARN\",\"to\":\"ada.recipients+e2e@lessonbook.test\"}")
                .find()).isTrue();
        assertThat(ReliabilitySystem.EMAIL_ADDRESS.matcher("{\"message\":\"java.lang.Object@1b2c3d sent by no-reply\"}").find())
                .isFalse();
    }

    private static String booking(String start) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":60,
                 "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(INSTRUCTOR, monday, start);
    }

    private static String shortWhen(String start) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM uuuu", java.util.Locale.ENGLISH).format(monday)
                + " " + start + " Europe/Berlin";
    }
}
