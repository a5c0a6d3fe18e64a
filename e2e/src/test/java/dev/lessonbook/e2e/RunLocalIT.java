package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ./run-local as a newcomer uses it: the runtime starts its own emulators, serves the API of
 * template.yaml over HTTP, and on SIGTERM stops everything it started.
 */
class RunLocalIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theWholeSystemServesTheApiAndStopsWithoutLeavingAProcessBehind() throws Exception {
        LocalRuntimeProcess runtime = LocalRuntimeProcess.start(Map.of());
        List<ProcessHandle> started = runtime.process().descendants().toList();
        try {
            ApiClient api = runtime.api();
            assertThat(api.get("/v1/instructors/ins-1/profile", null).status()).as("no token").isEqualTo(401);
            String instructor = api.token("ins-1", "instructor");
            String student = api.token("stu-1", "student");
            LocalDate monday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);

            Response profile = api.put("/v1/instructors/ins-1/profile", instructor, """
                    {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],
                     "rates":{"online":6000}}]}""");
            Response week = api.put("/v1/instructors/ins-1/availability/weeks/" + monday, instructor,
                    "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(monday));
            Response booked = api.post("/v1/bookings", student, """
                    {"instructorId":"ins-1","serviceId":"guitar","date":"%s","start":"09:00","durationMinutes":60,
                     "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(monday));
            Response read = api.get(booked.header("location"), student);
            Response listed = api.get("/v1/instructors/ins-1/bookings?from=%s&to=%s".formatted(monday, monday), instructor);
            Response bookable = api.get("/v1/instructors/ins-1/availability/weeks/%s?view=bookable".formatted(monday), student);

            assertThat(profile.status()).isEqualTo(200);
            assertThat(week.status()).isEqualTo(200);
            assertThat(week.header("etag")).isEqualTo("\"" + week.json().get("version").asText() + "\"");
            assertThat(booked.status()).isEqualTo(201);
            assertThat(booked.json().get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("id")).isEqualTo(booked.json().get("id"));
            assertThat(listed.json().get("items")).hasSize(1);
            assertThat(bookable.json().get("days").get(monday.toString()).toString())
                    .isEqualTo("[{\"start\":\"10:15\",\"end\":\"12:00\"}]");
            assertThat(runtime.output()).anyMatch(line -> line.matches(".*POST /v1/bookings 201 \\d+ ms.*"));
        } finally {
            runtime.stop();
        }
        assertThat(started).as("the runtime started its emulators").isNotEmpty();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }
}
