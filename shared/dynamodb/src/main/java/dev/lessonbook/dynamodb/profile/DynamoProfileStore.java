package dev.lessonbook.dynamodb.profile;

import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import dev.lessonbook.profile.ProfileStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import dev.lessonbook.problem.DependencyBusyException;
import dev.lessonbook.problem.Result;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Profiles as one item per instructor ({@code INSTRUCTOR#id / PROFILE}), mapped by hand. A save is
 * one UpdateItem setting every attribute but {@code email} when the profile has none: the address
 * stored before stays, with no read before the write (docs/decisions.md "Real recipients").
 */
public final class DynamoProfileStore implements ProfileStore {
    private final Tables tables;

    public DynamoProfileStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<InstructorProfile> find(String instructorId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.profile(instructorId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * The profile and the student's stored customer in one BatchGetItem (docs/decisions.md "The
     * student's Customer"): create-booking reads no more often than with the profile alone. Both
     * strongly consistent, as the profile read is (one request, one consistency): 1 RCU more, for
     * an item under 1 KB. Keys DynamoDB leaves unprocessed (throttling) are asked again.
     */
    @Override
    public ProfileForBooking requireForBooking(String instructorId, String studentId) {
        Map<String, AttributeValue> profileKey = Keys.profile(instructorId);
        Map<String, AttributeValue> customerKey = Keys.studentCustomer(studentId);
        Map<String, KeysAndAttributes> wanted = Map.of(tables.tableName(), KeysAndAttributes.builder()
                .keys(List.of(profileKey, customerKey)).consistentRead(true).build());
        Map<String, AttributeValue> profileItem = null;
        Map<String, AttributeValue> customerItem = null;
        for (int attempt = 0; !wanted.isEmpty(); attempt++) {
            if (attempt == UNPROCESSED_ATTEMPTS) {
                // DynamoDB leaves keys unprocessed only for capacity: throttled, as the client's interceptor says it.
                throw new DependencyBusyException("DynamoDB", null);
            }
            BatchGetItemResponse response = tables.client().batchGetItem(BatchGetItemRequest.builder()
                    .requestItems(wanted).build());
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tables.tableName(), List.of())) {
                if (profileKey.get(Keys.PK).equals(item.get(Keys.PK)) && profileKey.get(Keys.SK).equals(item.get(Keys.SK))) {
                    profileItem = item;
                } else {
                    customerItem = item;
                }
            }
            wanted = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        Optional<String> customerId = Optional.ofNullable(customerItem).map(item -> item.get(Keys.CUSTOMER_ID))
                .map(AttributeValue::s);
        Result<InstructorProfile> profile = profileItem == null
                ? ProfileStore.noProfile(instructorId)
                : Result.ok(fromItem(profileItem));
        return new ProfileForBooking(profile, customerId);
    }

    /** How many BatchGetItem requests one read may make while DynamoDB leaves keys unprocessed. */
    private static final int UNPROCESSED_ATTEMPTS = 4;

    @Override
    public InstructorProfile save(InstructorProfile profile) {
        Map<String, AttributeValue> key = Keys.profile(profile.instructorId());
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> assignments = new ArrayList<>();
        toItem(profile).forEach((name, value) -> {
            if (!key.containsKey(name)) {
                int index = assignments.size();
                names.put("#a" + index, name);
                values.put(":a" + index, value);
                assignments.add("#a" + index + " = :a" + index);
            }
        });
        return fromItem(tables.client().updateItem(update -> update
                .tableName(tables.tableName())
                .key(key)
                .updateExpression("SET " + String.join(", ", assignments))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }

    static Map<String, AttributeValue> toItem(InstructorProfile profile) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.profile(profile.instructorId()));
        item.put("instructorId", s(profile.instructorId()));
        item.put("timezone", s(profile.timezone().getId()));
        Map<String, AttributeValue> buffers = new LinkedHashMap<>();
        profile.buffers().forEach((type, buffer) -> buffers.put(type.wireName(), AttributeValue.fromM(Map.of(
                "before", n(buffer.beforeMinutes()), "after", n(buffer.afterMinutes())))));
        item.put("buffers", AttributeValue.fromM(buffers));
        item.put("services", AttributeValue.fromL(profile.services().stream().map(DynamoProfileStore::serviceItem).toList()));
        item.put("bookingRules", bookingRulesItem(profile.bookingLimits()));
        if (profile.email() != null) {
            item.put("email", s(profile.email()));
        }
        return item;
    }

    /** {@code maxLessonsPerDay} is left out when there is no limit. */
    private static AttributeValue bookingRulesItem(BookingLimits limits) {
        Map<String, AttributeValue> notice = new LinkedHashMap<>();
        for (LocationType type : LocationType.values()) {
            notice.put(type.wireName(), n(limits.noticeMinutesFor(type)));
        }
        Map<String, AttributeValue> rules = new LinkedHashMap<>();
        rules.put("minimumNoticeMinutes", AttributeValue.fromM(notice));
        rules.put("maxAdvanceDays", n(limits.maxAdvanceDays()));
        limits.maxLessonsPerDay().ifPresent(max -> rules.put("maxLessonsPerDay", n(max)));
        return AttributeValue.fromM(rules);
    }

    /** A profile stored before instructors had booking rules has the defaults. */
    private static BookingLimits bookingLimits(AttributeValue stored) {
        if (stored == null) {
            return BookingLimits.DEFAULT;
        }
        Map<String, AttributeValue> rules = stored.m();
        Map<LocationType, Integer> notice = new EnumMap<>(LocationType.class);
        rules.get("minimumNoticeMinutes").m().forEach((type, minutes) ->
                notice.put(LocationType.fromWireName(type).orElseThrow(), Integer.parseInt(minutes.n())));
        AttributeValue max = rules.get("maxLessonsPerDay");
        return new BookingLimits(notice, Integer.parseInt(rules.get("maxAdvanceDays").n()),
                max == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(max.n())));
    }

    private static AttributeValue serviceItem(LessonService service) {
        Map<String, AttributeValue> rates = new LinkedHashMap<>();
        service.hourlyRates().forEach((type, rate) -> rates.put(type.wireName(), n(rate)));
        return AttributeValue.fromM(Map.of(
                "id", s(service.id()),
                "name", s(service.name()),
                "durationOptions", AttributeValue.fromL(service.durationOptions().stream().map(d -> n(d)).toList()),
                "rates", AttributeValue.fromM(rates),
                "currency", s(service.currency()),
                "active", AttributeValue.fromBool(service.active())));
    }

    static InstructorProfile fromItem(Map<String, AttributeValue> item) {
        Map<LocationType, Buffer> buffers = new EnumMap<>(LocationType.class);
        item.get("buffers").m().forEach((type, buffer) -> buffers.put(
                LocationType.fromWireName(type).orElseThrow(),
                new Buffer(Integer.parseInt(buffer.m().get("before").n()), Integer.parseInt(buffer.m().get("after").n()))));
        List<LessonService> services = item.get("services").l().stream().map(DynamoProfileStore::service).toList();
        AttributeValue email = item.get("email");
        return new InstructorProfile(item.get("instructorId").s(), ZoneId.of(item.get("timezone").s()), buffers, services,
                bookingLimits(item.get("bookingRules")), email == null ? null : email.s());
    }

    private static LessonService service(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        Map<LocationType, Long> rates = new EnumMap<>(LocationType.class);
        m.get("rates").m().forEach((type, rate) -> rates.put(LocationType.fromWireName(type).orElseThrow(), Long.parseLong(rate.n())));
        return new LessonService(
                m.get("id").s(),
                m.get("name").s(),
                m.get("durationOptions").l().stream().map(d -> Integer.parseInt(d.n())).toList(),
                rates,
                m.get("currency").s(),
                m.get("active").bool());
    }
}
