package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.aws.Incidents;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.emulators.LocalServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every function's IT checks of its priming (docs/decisions.md, "SnapStart priming"): the
 * hooks Lambda runs before the snapshot complete without a failed primer, and leave every table on
 * the emulator exactly as it was — whichever table the handler's static init picked up.
 */
public final class PrimingCheck {
    private PrimingCheck() {}

    public static void writesNothing(Priming priming, LocalServers.Endpoints endpoints) {
        DynamoDbClient client = TestTable.clientFor(endpoints.aws(), endpoints.region());
        Map<String, List<Map<String, AttributeValue>>> before = everyItem(client);
        List<String> incidents = new ArrayList<>();
        Incidents.writeTo(incidents::add);
        try {
            priming.beforeCheckpoint();
        } finally {
            Incidents.writeTo(System.out::println);
        }

        assertThat(incidents).as("incidents while priming (a failed primer is one)").isEmpty();
        assertThat(everyItem(client)).as("every table after priming").isEqualTo(before);
    }

    private static Map<String, List<Map<String, AttributeValue>>> everyItem(DynamoDbClient client) {
        Map<String, List<Map<String, AttributeValue>>> tables = new LinkedHashMap<>();
        for (String table : client.listTablesPaginator(list -> {}).tableNames()) {
            tables.put(table, client.scanPaginator(scan -> scan.tableName(table).consistentRead(true)).items().stream().toList());
        }
        return tables;
    }
}
